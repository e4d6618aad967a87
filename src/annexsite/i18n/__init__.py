"""The translation workflow: ``annexsite i18n extract | update | compile | status``."""

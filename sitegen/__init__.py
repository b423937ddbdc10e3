"""sitegen: a static site of social- and health-insurance coverage targets and actuals."""

__version__ = "0.1.0"

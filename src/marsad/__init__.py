"""marsad (مرصد): Arabic news reports to knowledge an analyst can act on."""

__version__ = "0.1.0"

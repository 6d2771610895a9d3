"""sitegen: static briefing sites that follow a negotiation from the news."""

__version__ = "0.1.0"

"""留痕 Liuhen: the three systems of administrative enforcement, recorded, checked and published."""

__version__ = "0.1.0"

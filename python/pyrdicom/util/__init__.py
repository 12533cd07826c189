"""pydicom 3's ``pydicom.util``: codify, dump, fixer, hexutil, leanread."""

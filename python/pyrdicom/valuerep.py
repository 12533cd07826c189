"""Value types of pydicom: `DSfloat`, `IS`, `PersonName` (numbers keep their original string)."""

from __future__ import annotations

from typing import Any


class DSfloat(float):
    """A Decimal String value as a float that remembers the string it was read from.

    As in pydicom, a blank string stays a string (``DSfloat(" ")`` is ``" "``).
    """

    __slots__ = ("auto_format", "original_string")
    auto_format: bool
    original_string: str

    # All set up in __new__ (no __init__): one Python call per value, as many are read.
    def __new__(cls, val: Any, auto_format: bool = False, validation_mode: Any = None):
        if val is None:
            return None
        if isinstance(val, str):
            stripped = val.strip()
            if not stripped:
                return val
            self = float.__new__(cls, val)
            self.original_string = stripped
        else:
            self = float.__new__(cls, val)
            if isinstance(val, DSfloat):
                auto_format = auto_format or val.auto_format
                if hasattr(val, "original_string"):
                    self.original_string = val.original_string
        self.auto_format = auto_format
        return self

    def __str__(self) -> str:
        if hasattr(self, "original_string") and not self.auto_format:
            return self.original_string
        return repr(self)[1:-1]

    def __repr__(self) -> str:
        if hasattr(self, "original_string"):
            return f"'{self.original_string}'"
        return f"'{float.__repr__(self)}'"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return str(self) == other
        return float.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = float.__hash__


DSclass = DSfloat


def DS(val: Any, auto_format: bool = False, validation_mode: Any = None) -> Any:
    """pydicom's DS factory: None and blank strings pass through, anything else is a DSfloat."""
    if val is None or (isinstance(val, str) and not val.strip()):
        return val
    return DSfloat(val, auto_format)


class ISfloat(float):
    """An IS value that is not an integer (pydicom reads ``"1.5"`` as this)."""

    def __new__(cls, val: Any, validation_mode: Any = None):
        if isinstance(val, str) and not val.strip():
            return ""
        return super().__new__(cls, val)

    def __init__(self, val: Any, validation_mode: Any = None) -> None:
        if isinstance(val, str):
            self.original_string = val.strip()
        elif isinstance(val, IS | ISfloat) and hasattr(val, "original_string"):
            self.original_string = val.original_string


class IS(int):
    """An Integer String value as an int that remembers the string it was read from."""

    def __new__(cls, val: Any, validation_mode: Any = None):
        if val is None:
            return None
        if isinstance(val, str) and not val.strip():
            return val
        try:
            newval: Any = super().__new__(cls, val)
        except ValueError:
            # accept float strings without loss, e.g. "1.0"
            newval = super().__new__(cls, float(val))
        if isinstance(val, float | str) and newval != float(val):
            newval = ISfloat(val)
        return newval

    def __init__(self, val: Any, validation_mode: Any = None) -> None:
        if isinstance(val, str):
            self.original_string = val.strip()
        elif isinstance(val, IS) and hasattr(val, "original_string"):
            self.original_string = val.original_string

    def __str__(self) -> str:
        if hasattr(self, "original_string"):
            return self.original_string
        return repr(self)[1:-1]

    def __repr__(self) -> str:
        return f"'{int.__repr__(self)}'"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return str(self) == other
        return int.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = int.__hash__


_NAME_PARTS = ("family_name", "given_name", "middle_name", "name_prefix", "name_suffix")


class PersonName:
    """A PN value: up to three component groups (alphabetic, ideographic, phonetic) of
    five ^-separated components."""

    __slots__ = ("_value", "encodings", "original_string")
    _value: str
    encodings: Any
    original_string: bytes | None

    # All set up in __new__ (no __init__): one Python call per value, as many are read.
    def __new__(
        cls,
        val: Any = "",
        encodings: Any = None,
        original_string: bytes | None = None,
        validation_mode: Any = None,
    ):
        if val is None:
            return None
        self = object.__new__(cls)
        if isinstance(val, PersonName):
            self._value = val._value
            self.encodings = val.encodings
            self.original_string = val.original_string
            return self
        if isinstance(val, bytes):
            original_string = val
            val = val.decode("latin-1")
        # pydicom drops empty trailing component groups ("A^B==" is "A^B")
        self._value = str(val).rstrip("=")
        self.encodings = encodings
        self.original_string = original_string
        return self

    @property
    def components(self) -> tuple[str, ...]:
        return tuple(self._value.split("="))

    def _name_part(self, i: int) -> str:
        parts = self.components[0].split("^")
        return parts[i] if i < len(parts) else ""

    @property
    def family_name(self) -> str:
        return self._name_part(0)

    @property
    def given_name(self) -> str:
        return self._name_part(1)

    @property
    def middle_name(self) -> str:
        return self._name_part(2)

    @property
    def name_prefix(self) -> str:
        return self._name_part(3)

    @property
    def name_suffix(self) -> str:
        return self._name_part(4)

    def _group(self, i: int) -> str:
        c = self.components
        return c[i] if i < len(c) else ""

    @property
    def alphabetic(self) -> str:
        return self._group(0)

    @property
    def ideographic(self) -> str:
        return self._group(1)

    @property
    def phonetic(self) -> str:
        return self._group(2)

    def formatted(self, format_str: str) -> str:
        return format_str % {p: getattr(self, p) for p in _NAME_PARTS}

    def family_comma_given(self) -> str:
        return self.formatted("%(family_name)s, %(given_name)s")

    def decode(self, encodings: Any = None) -> PersonName:
        return self

    def encode(self, encodings: Any = None) -> bytes:
        # The core has no encode_text yet: this raises ImportError (left to the charset work).
        from ._core import encode_text  # type: ignore[attr-defined]

        return encode_text(self._value, encodings or self.encodings or [], True)

    def __str__(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return repr(self._value)

    def __eq__(self, other: object) -> bool:
        return str(self) == other

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __iter__(self):
        return iter(self._value)

    def __contains__(self, x: Any) -> bool:
        return x in self._value

    @classmethod
    def from_named_components(
        cls,
        family_name: str = "",
        given_name: str = "",
        middle_name: str = "",
        name_prefix: str = "",
        name_suffix: str = "",
        ideographic: str = "",
        phonetic: str = "",
        encodings: Any = None,
    ) -> PersonName:
        alpha = f"{family_name}^{given_name}^{middle_name}^{name_prefix}^{name_suffix}"
        groups = [alpha.rstrip("^"), ideographic, phonetic]
        while len(groups) > 1 and not groups[-1]:
            groups.pop()
        return cls("=".join(groups), encodings)

"""pydicom 3's ``pydicom.pixels.common``: the photometric interpretations, and the bases of the
decoder/encoder objects (``CoderBase``) and of the option holders that describe pixel data
(``RunnerBase``). pyrdicom's decoders and encoders are its own codecs: the plugins pydicom
would choose between are accepted by name and all mean pyrdicom's codec."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from contextlib import suppress
from enum import Enum
from typing import Any

from ..errors import DicomAttributeError, PixelDataError
from ..misc import warn_and_log
from ..uid import UID


class PhotometricInterpretation(str, Enum):
    """(0028,0004) Photometric Interpretation values.


    Parameters
    ----------
    value : str
        The value (the members' names are the values).

    Examples
    --------
    >>> from pyrdicom.pixels.common import PhotometricInterpretation
    >>> PhotometricInterpretation("YBR_FULL_422") == "YBR_FULL_422"
    True
    """

    MONOCHROME1 = "MONOCHROME1"
    MONOCHROME2 = "MONOCHROME2"
    PALETTE_COLOR = "PALETTE COLOR"
    RGB = "RGB"
    YBR_FULL = "YBR_FULL"
    YBR_FULL_422 = "YBR_FULL_422"
    YBR_ICT = "YBR_ICT"
    YBR_RCT = "YBR_RCT"
    HSV = "HSV"  # retired
    ARGB = "ARGB"  # retired
    CMYK = "CMYK"  # retired
    YBR_PARTIAL_422 = "YBR_PARTIAL_422"  # retired
    YBR_PARTIAL_420 = "YBR_PARTIAL_420"  # retired

    def __str__(self) -> str:
        return str.__str__(self)


# Image Pixel options (pydicom's names) -> the element keywords they stand for.
DESCRIPTION = {
    "bits_allocated": "BitsAllocated",
    "bits_stored": "BitsStored",
    "columns": "Columns",
    "number_of_frames": "NumberOfFrames",
    "photometric_interpretation": "PhotometricInterpretation",
    "pixel_representation": "PixelRepresentation",
    "planar_configuration": "PlanarConfiguration",
    "rows": "Rows",
    "samples_per_pixel": "SamplesPerPixel",
}


def number_of_frames(value: Any) -> Any:
    """(0028,0008) Number of Frames as an option: an int, with 1 (and a warning) for an empty
    or zero value.


    Parameters
    ----------
    value : object
        The option's value.

    Returns
    -------
    int

    Raises
    ------
    PixelDataError
        A value that is not a number of frames.

    Examples
    --------
    >>> from pyrdicom.pixels.common import number_of_frames
    >>> number_of_frames("3")
    3
    """
    if isinstance(value, str):
        try:
            value = int(value)
        except ValueError:
            raise PixelDataError(
                f"A (0028,0008) 'Number of Frames' value of '{value}' is invalid"
            ) from None
    if value in (None, 0):
        warn_and_log(
            f"A value of '{value}' for (0028,0008) 'Number of Frames' is invalid, assuming 1 frame"
        )
        return 1
    return value


class CoderBase:
    """What decoders and encoders share: the transfer syntax and the plugin registry.


    Parameters
    ----------
    uid : str
        The transfer syntax.
    decoder : bool
        A decoder (else an encoder).

    Examples
    --------
    >>> from pyrdicom.pixels import get_decoder
    >>> from pyrdicom.uid import RLELossless
    >>> decoder = get_decoder(RLELossless)
    >>> decoder.UID.name, decoder.is_available
    ('RLE Lossless', True)
    """

    def __init__(self, uid: str, decoder: bool) -> None:
        self._uid = UID(str(uid))
        self._decoder = decoder
        # label -> the callable pydicom would import; here pyrdicom's codec answers all.
        self._available: dict[str, Any] = {}
        self._unavailable: dict[str, tuple[str, ...]] = {}

    def add_plugin(self, label: str, import_path: tuple[str, str]) -> None:
        """Register `label`; `import_path` (module, function) must exist, though pyrdicom's
        codec does the work.


        Parameters
        ----------
        label : str
            The plugin's name.
        import_path : tuple of (str, str)
            The module and the function pydicom would import.

        Raises
        ------
        ValueError
            A plugin of that name is there already.

        Examples
        --------
        >>> from pyrdicom.pixels.common import CoderBase
        >>> from pyrdicom.uid import RLELossless
        >>> coder = CoderBase(RLELossless, decoder=True)
        >>> coder.add_plugin("mine", ("numpy", "zeros"))
        >>> coder.available_plugins
        ('mine',)
        """
        if label in self._available or label in self._unavailable:
            raise ValueError(f"'{type(self).__name__}' already has a plugin named '{label}'")
        module, function = import_path
        self._available[label] = getattr(importlib.import_module(module), function)

    def add_plugins(self, plugins: list[tuple[str, tuple[str, str]]]) -> None:
        """Register each (label, import path) of `plugins` (see `add_plugin`).

        Parameters
        ----------
        plugins : list of tuple of (str, tuple of (str, str))
            The plugins.

        Examples
        --------
        >>> from pyrdicom.pixels.common import CoderBase
        >>> from pyrdicom.uid import RLELossless
        >>> coder = CoderBase(RLELossless, decoder=True)
        >>> coder.add_plugins([("a", ("numpy", "ones")), ("b", ("numpy", "zeros"))])
        >>> coder.available_plugins
        ('a', 'b')
        """
        for label, import_path in plugins:
            self.add_plugin(label, import_path)

    @property
    def available_plugins(self) -> tuple[str, ...]:
        return tuple(sorted(self._available))

    @property
    def is_available(self) -> bool:
        """True if data in this transfer syntax can be decoded (or encoded)."""
        if self._decoder and not self.UID.is_encapsulated:
            return True
        return bool(self._available)

    @property
    def is_encapsulated(self) -> bool:
        return bool(self.UID.is_encapsulated)

    @property
    def is_native(self) -> bool:
        return not self.is_encapsulated

    @property
    def missing_dependencies(self) -> list[str]:
        out = []
        for label, deps in self._unavailable.items():
            if not deps:
                out.append(f"{label} - plugin indicating it is unavailable")
            elif len(deps) > 1:
                out.append(f"{label} - requires {', '.join(deps[:-1])} and {deps[-1]}")
            else:
                out.append(f"{label} - requires {deps[0]}")
        return out

    def remove_plugin(self, label: str) -> None:
        """Unregister the plugin `label`.

        Parameters
        ----------
        label : str
            The plugin's name.

        Raises
        ------
        ValueError
            No plugin of that name.

        Examples
        --------
        >>> from pyrdicom.pixels.common import CoderBase
        >>> from pyrdicom.uid import RLELossless
        >>> coder = CoderBase(RLELossless, decoder=True)
        >>> coder.add_plugin("mine", ("numpy", "zeros"))
        >>> coder.remove_plugin("mine")
        >>> coder.available_plugins
        ()
        """
        if label in self._available:
            del self._available[label]
        elif label in self._unavailable:
            del self._unavailable[label]
        else:
            raise ValueError(f"Unable to remove '{label}', no such plugin'")

    @property
    def UID(self) -> UID:
        return self._uid

    def _validate_plugins(self, plugin: str = "") -> dict[str, Any]:
        """The plugins to use: `plugin` if given, else every available one (none for native
        decoding, which needs none)."""
        if self._decoder and not self.UID.is_encapsulated:
            return {}
        action = "decompress" if self._decoder else "compress"
        if plugin:
            if plugin in self._available:
                return {plugin: self._available[plugin]}
            if plugin in self._unavailable:
                raise RuntimeError(
                    f"Unable to {action} '{self.UID.name}' pixel data because the specified "
                    f"plugin is missing dependencies: {', '.join(self._unavailable[plugin])}"
                )
            raise ValueError(
                f"No plugin named '{plugin}' has been added to "
                f"'{self.UID.keyword}{type(self).__name__}'"
            )
        if not self._available:
            raise RuntimeError(
                f"Unable to {action} '{self.UID.name}' pixel data because all plugins are "
                "missing dependencies:\n    " + "\n    ".join(self.missing_dependencies)
            )
        return dict(self._available)

    def _check_plugin(self, plugin: str) -> None:
        """A requested plugin must be one this coder offers."""
        self._validate_plugins(plugin)

    def __repr__(self) -> str:
        name = self.UID.keyword or str(self.UID)
        return f"{name}{'Decoder' if self._decoder else 'Encoder'}"


# pydicom 2's pixel data handlers, which `Dataset.decompress(handler_name=)` may name.
HANDLERS = (
    "gdcm_handler", "jpeg_ls_handler", "numpy_handler", "pillow_handler",
    "pylibjpeg_handler", "rle_handler",
)  # fmt: skip

_REQUIRED = "Missing required element: (0028"
_DIMENSION = "in the range (1, 65535)"


def _dimension(value: Any) -> bool:
    return bool(0 < value <= 2**16 - 1)


def _flag(value: Any) -> bool:
    return value in (0, 1)


class RunnerBase:
    """Options describing pixel data (the Image Pixel module as pydicom's option names) and
    how to process it.


    Parameters
    ----------
    tsyntax : str
        The transfer syntax.

    Examples
    --------
    >>> from pyrdicom.pixels.common import RunnerBase
    >>> from pyrdicom.uid import ExplicitVRLittleEndian
    >>> runner = RunnerBase(ExplicitVRLittleEndian)
    >>> runner.set_options(rows=2, columns=3)
    >>> runner.transfer_syntax.name, runner.rows, runner.columns
    ('Explicit VR Little Endian', 2, 3)
    """

    def __init__(self, tsyntax: str) -> None:
        self._opts: dict[str, Any] = {}
        self.set_option("transfer_syntax_uid", UID(str(tsyntax)))
        self._undeletable: tuple[str, ...] = ("transfer_syntax_uid",)
        # "Dataset", "Buffer", "Array", "BinaryIO" once a source is set
        self._src_type = "UNDEFINED"

    def _required(self, name: str) -> Any:
        if (value := self._opts.get(name)) is not None:
            return value
        raise AttributeError(f"No value for '{name}' has been set")

    bits_allocated = property(lambda self: self._required("bits_allocated"))
    bits_stored = property(lambda self: self._required("bits_stored"))
    columns = property(lambda self: self._required("columns"))
    number_of_frames = property(lambda self: self._required("number_of_frames"))
    photometric_interpretation = property(lambda self: self._required("photometric_interpretation"))
    pixel_keyword = property(lambda self: self._required("pixel_keyword"))
    pixel_representation = property(lambda self: self._required("pixel_representation"))
    rows = property(lambda self: self._required("rows"))
    samples_per_pixel = property(lambda self: self._required("samples_per_pixel"))

    @property
    def planar_configuration(self) -> int:
        if (value := self._opts.get("planar_configuration")) is not None:
            return int(value)
        if self.transfer_syntax.is_compressed:
            return 0  # not relevant to codestreams
        raise AttributeError("No value for 'planar_configuration' has been set")

    @property
    def extended_offsets(self) -> Any:
        return self._opts.get("extended_offsets")

    @property
    def transfer_syntax(self) -> UID:
        return self._opts["transfer_syntax_uid"]

    @property
    def options(self) -> dict[str, Any]:
        return self._opts

    is_array = property(lambda self: self._src_type == "Array")
    is_binary = property(lambda self: self._src_type == "BinaryIO")
    is_buffer = property(lambda self: self._src_type == "Buffer")
    is_dataset = property(lambda self: self._src_type == "Dataset")

    def get_option(self, name: str, default: Any = None) -> Any:
        """The option `name`, or `default` when it is not set.

        Parameters
        ----------
        name : str
            The option.
        default : object, optional
            What an unset option gives.

        Returns
        -------
        object

        Examples
        --------
        >>> from pyrdicom.pixels.common import RunnerBase
        >>> from pyrdicom.uid import ExplicitVRLittleEndian
        >>> runner = RunnerBase(ExplicitVRLittleEndian)
        >>> runner.set_option("rows", 2)
        >>> runner.get_option("rows"), runner.get_option("columns", "unset")
        (2, 'unset')
        """
        return self._opts.get(name, default)

    def del_option(self, name: str) -> None:
        """Unset the option `name` (the transfer syntax cannot be unset).

        Parameters
        ----------
        name : str
            The option.

        Raises
        ------
        ValueError
            `name` is "transfer_syntax_uid".

        Examples
        --------
        >>> from pyrdicom.pixels.common import RunnerBase
        >>> from pyrdicom.uid import ExplicitVRLittleEndian
        >>> runner = RunnerBase(ExplicitVRLittleEndian)
        >>> runner.set_option("rows", 2)
        >>> runner.del_option("rows")
        >>> runner.get_option("rows") is None
        True
        """
        if name in self._undeletable:
            raise ValueError(f"Deleting '{name}' is not allowed")
        self._opts.pop(name, None)

    def set_option(self, name: str, value: Any) -> None:
        """Set the option `name` (Number of Frames and Photometric Interpretation normalised).

        Parameters
        ----------
        name : str
            The option.
        value : object
            Its value.

        Examples
        --------
        >>> from pyrdicom.pixels.common import RunnerBase
        >>> from pyrdicom.uid import ExplicitVRLittleEndian
        >>> runner = RunnerBase(ExplicitVRLittleEndian)
        >>> runner.set_option("number_of_frames", "4")
        >>> runner.number_of_frames
        4
        """
        if name == "number_of_frames":
            value = number_of_frames(value)
        elif name == "photometric_interpretation":
            # Unknown values are kept as given: validation reports them.
            with suppress(ValueError):
                value = PhotometricInterpretation(value)
        self._opts[name] = value

    def set_options(self, **kwargs: Any) -> None:
        """Set several options (see `set_option`).

        Parameters
        ----------
        **kwargs
            Option names and values.

        Examples
        --------
        >>> from pyrdicom.pixels.common import RunnerBase
        >>> from pyrdicom.uid import ExplicitVRLittleEndian
        >>> runner = RunnerBase(ExplicitVRLittleEndian)
        >>> runner.set_options(rows=2, columns=3)
        >>> runner.options["columns"]
        3
        """
        for name, value in kwargs.items():
            self.set_option(name, value)

    def _set_options_ds(self, ds: Any) -> None:
        from .utils import as_pixel_options

        self.set_options(**as_pixel_options(ds))

    def frame_length(self, unit: str = "bytes") -> int | float:
        """The length of one frame: in pixels, or in bytes as stored (native 1-bit frames
        need not end on a byte boundary, so may be fractional).


        Parameters
        ----------
        unit : str
            "bytes" or "pixels".

        Returns
        -------
        int or float

        Examples
        --------
        >>> from pyrdicom.pixels.common import RunnerBase
        >>> from pyrdicom.uid import ExplicitVRLittleEndian
        >>> runner = RunnerBase(ExplicitVRLittleEndian)
        >>> runner.set_options(rows=2, columns=3, samples_per_pixel=1, bits_allocated=16,
        ...                    photometric_interpretation="MONOCHROME2")
        >>> runner.frame_length(), runner.frame_length("pixels")
        (12, 6)
        """
        length: int | float = self.rows * self.columns * self.samples_per_pixel
        if unit == "pixels":
            return length
        if self.bits_allocated == 1:
            if self.transfer_syntax.is_encapsulated:
                length = -(-length // 8)
            else:
                length = length / 8
                if length.is_integer():
                    length = int(length)
        else:
            length *= self.bits_allocated // 8
        if (
            self.photometric_interpretation == PhotometricInterpretation.YBR_FULL_422
            and not self.transfer_syntax.is_encapsulated
        ):
            length = length // 3 * 2
        return length

    def validate(self) -> None:
        """Check the options; each runner (decoding, encoding) says what it needs.

        Raises
        ------
        NotImplementedError
            Here: the base class checks nothing.

        Examples
        --------
        >>> from pyrdicom.pixels.common import RunnerBase
        >>> from pyrdicom.uid import ExplicitVRLittleEndian
        >>> RunnerBase(ExplicitVRLittleEndian).validate()
        Traceback (most recent call last):
            ...
        NotImplementedError: RunnerBase.validate() has not been implemented
        """
        raise NotImplementedError(f"{type(self).__name__}.validate() has not been implemented")

    def _check(self, key: str, element: str, valid: Callable[[Any], bool], rule: str) -> None:
        """Option `key` (element (0028,`element`: "eeee) 'Name'") present and `valid`."""
        if self._opts.get(key) is None:
            raise DicomAttributeError(f"{_REQUIRED},{element}")
        value = getattr(self, key)
        if not valid(value):
            raise PixelDataError(
                f"A (0028,{element} value of '{value}' is invalid, it must be {rule}"
            )

    def _validate_options(self) -> None:
        """The Image Pixel options present and in range, as pydicom requires them."""
        opts = self._opts
        if opts.get("bits_allocated") is None:
            raise DicomAttributeError(f"{_REQUIRED},0100) 'Bits Allocated'")
        ba = self.bits_allocated
        if not 1 <= ba <= 64 or (ba != 1 and ba % 8):
            raise PixelDataError(
                f"A (0028,0100) 'Bits Allocated' value of '{ba}' is invalid, it must be 1 or "
                "a multiple of 8 and in the range (1, 64)"
            )
        if "Float" not in self.pixel_keyword:
            if opts.get("bits_stored") is None:
                raise DicomAttributeError(f"{_REQUIRED},0101) 'Bits Stored'")
            if not 1 <= self.bits_stored <= ba <= 64:
                raise PixelDataError(
                    f"A (0028,0101) 'Bits Stored' value of '{self.bits_stored}' is invalid, it "
                    "must be in the range (1, 64) and no greater than the (0028,0100) 'Bits "
                    f"Allocated' value of '{ba}'"
                )
        self._check("columns", "0011) 'Columns'", _dimension, _DIMENSION)
        if opts.get("number_of_frames") is not None and self.number_of_frames < 1:
            raise PixelDataError(
                f"A (0028,0008) 'Number of Frames' value of '{self.number_of_frames}' is "
                "invalid, it must be greater than or equal to 1"
            )
        if opts.get("photometric_interpretation") is None:
            raise DicomAttributeError(f"{_REQUIRED},0004) 'Photometric Interpretation'")
        if not isinstance(self.photometric_interpretation, PhotometricInterpretation):
            raise PixelDataError(
                "Unknown (0028,0004) 'Photometric Interpretation' value "
                f"'{self.photometric_interpretation}'"
            )
        if self.pixel_keyword not in ("PixelData", "FloatPixelData", "DoubleFloatPixelData"):
            raise PixelDataError(f"Unknown 'pixel_keyword' value '{self.pixel_keyword}'")
        if self.pixel_keyword == "PixelData":
            self._check("pixel_representation", "0103) 'Pixel Representation'", _flag, "0 or 1")
        self._check("rows", "0010) 'Rows'", _dimension, _DIMENSION)
        if opts.get("samples_per_pixel") is None:
            raise DicomAttributeError(f"{_REQUIRED},0002) 'Samples per Pixel'")
        if self.samples_per_pixel not in (1, 3):
            raise PixelDataError(
                f"A (0028,0002) 'Samples per Pixel' value of '{self.samples_per_pixel}' is "
                "invalid, it must be 1 or 3"
            )
        if self.samples_per_pixel == 3:
            self._check("planar_configuration", "0006) 'Planar Configuration'", _flag, "0 or 1")


def description_dataset(uid: UID, runner: RunnerBase, data: Any) -> Any:
    """A data set of transfer syntax `uid` whose Image Pixel module is `runner`'s options and
    whose pixel data element (the runner's `pixel_keyword`) is `data`: how pixel data given as
    a buffer or array is handed to pyrdicom's decoding and encoding, which work on data sets.


    Parameters
    ----------
    uid : UID
        The transfer syntax.
    runner : RunnerBase
        The Image Pixel options.
    data : bytes or numpy.ndarray
        The pixel data.

    Returns
    -------
    Dataset

    Examples
    --------
    >>> from pyrdicom.pixels.common import RunnerBase, description_dataset
    >>> from pyrdicom.uid import ExplicitVRLittleEndian
    >>> runner = RunnerBase(ExplicitVRLittleEndian)
    >>> runner.set_options(rows=2, columns=3, samples_per_pixel=1, bits_allocated=8,
    ...                    bits_stored=8, pixel_representation=0,
    ...                    photometric_interpretation="MONOCHROME2")
    >>> ds = description_dataset(runner.transfer_syntax, runner, bytes(6))
    >>> ds.Rows, ds.Columns
    (2, 3)
    """
    from ..dataset import Dataset, FileMetaDataset

    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = uid
    keyword = runner.get_option("pixel_keyword", "PixelData")
    for option, element in DESCRIPTION.items():
        value = runner.get_option(option)
        if value is None or (element == "PixelRepresentation" and "Float" in keyword):
            continue
        setattr(ds, element, value.value if isinstance(value, Enum) else value)
    setattr(ds, keyword, data)
    if keyword == "PixelData":
        elem = ds["PixelData"]
        elem.is_undefined_length = bool(uid.is_encapsulated)
        elem.VR = runner.get_option("pixel_vr") or (
            "OB" if uid.is_encapsulated or runner.bits_allocated <= 8 else "OW"
        )
    if runner.extended_offsets:
        import numpy as np

        def encoded(v: Any) -> bytes:
            return v if isinstance(v, bytes) else np.asarray(v, "<u8").tobytes()

        offsets, lengths = runner.extended_offsets
        ds.ExtendedOffsetTable = encoded(offsets)
        ds.ExtendedOffsetTableLengths = encoded(lengths)
    return ds

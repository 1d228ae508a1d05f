"""dlib's face-descriptor ResNet run with NumPy (BLAS matrix products) instead of dlib's own CPU code.

The weights are read from the file face_recognition_models ships (`dlib_face_recognition_resnet_model_v1.dat`,
the network of dlib's `dnn_face_recognition_ex.cpp`); the layers are applied exactly as dlib applies them, so the
descriptor is the same to ~1e-6 (checked against dlib on every load, `verify`). Why: the dlib-bin wheel is built
without BLAS and takes ~75 ms a face; this takes ~17 ms on one core.

The network, in the order dlib stores it (input first):
    input 150x150 RGB, (pixel - channel mean) / 256
    con 7x7/2 (32), affine, relu, max_pool 3x3/2
    14 residual blocks: con 3x3/s, affine, relu, con 3x3/1, affine, + shortcut, relu
        (a block whose first con has stride 2 takes a 2x2/2 average pool of its input as the shortcut; a sum of
        tensors of different sizes is taken over the larger one, the smaller counting as zero there, as dlib's
        add_prev does)
    average over all positions (256), fully connected 256 -> 128, no bias.

Reading the file: dlib writes integers as one header byte (the byte count, 0x80 for negative) and that many
little-endian bytes; floats as an integer mantissa and exponent; tensors as version 2, four dimensions and raw
little-endian float32. Each layer's record starts with its name (`con_4`, `affine_`, ...); the parameter tensors
are taken from those records in file order and checked against the shapes above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import as_strided

CHIP = 150


class ModelFormatError(ValueError):
    """The descriptor model file is not the network this module knows."""


class _Reader:
    def __init__(self, data: bytes, offset: int) -> None:
        self.data, self.pos = data, offset

    def int(self) -> int:
        head = self.data[self.pos]
        n = head & 0x0F
        value = int.from_bytes(self.data[self.pos + 1:self.pos + 1 + n], "little")
        self.pos += 1 + n
        return -value if head & 0x80 else value

    def float(self) -> float:
        mantissa = self.int()
        return mantissa * 2.0 ** self.int()

    def tensor(self) -> np.ndarray:
        version = self.int()
        if version != 2:
            raise ModelFormatError(f"tensor at byte {self.pos}: version {version}, expected 2")
        dims = [self.int() for _ in range(4)]
        n = int(np.prod(dims))
        arr = np.frombuffer(self.data, "<f4", n, self.pos).astype(np.float32)
        self.pos += 4 * n
        return arr


@dataclass(frozen=True)
class _Conv:
    weights: np.ndarray  # (filters, channels * kh * kw)
    bias: np.ndarray  # (filters, 1)
    kernel: int
    stride: int
    pad: int


def _records(data: bytes, name: bytes) -> list[int]:
    tag = bytes([1, len(name)]) + name
    return [m.end() for m in re.finditer(re.escape(tag), data)]


def _one_record(data: bytes, name: bytes) -> int:
    offsets = _records(data, name)
    if len(offsets) != 1:
        raise ModelFormatError(f"{len(offsets)} {name.decode()} layers, expected 1")
    return offsets[0]


def _expected_convs() -> list[tuple[int, int, int, int]]:
    """(filters, kernel, stride, pad) of the 29 convolutions, in order."""
    out = [(32, 7, 2, 0)]
    for filters, blocks, down in ((32, 3, False), (64, 4, True), (128, 3, True), (256, 3, True), (256, 1, True)):
        for b in range(blocks):
            stride = 2 if down and b == 0 else 1
            out += [(filters, 3, stride, 0 if stride == 2 else 1), (filters, 3, 1, 1)]
    return out


class FaceDescriptorNet:
    """The 128-d face descriptor of a 150x150 aligned RGB chip (`dlib.get_face_chip(img, shape, 150, 0.25)`)."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        data = path.read_bytes()
        try:
            self._load(data)
        except (IndexError, ValueError) as exc:
            raise ModelFormatError(f"{path}: not dlib's face descriptor ResNet v1: {exc}") from exc

    def _load(self, data: bytes) -> None:
        r = _Reader(data, _one_record(data, b"input_rgb_image_sized"))
        self.mean = np.array([r.float() for _ in range(3)], np.float32)
        if (r.int(), r.int()) != (CHIP, CHIP):
            raise ModelFormatError(f"input is not {CHIP}x{CHIP}")
        convs: list[_Conv] = []
        channels = 3
        expected = _expected_convs()
        offsets = _records(data, b"con_4")
        if len(offsets) != len(expected):
            raise ModelFormatError(f"{len(offsets)} convolutions, expected {len(expected)}")
        for off, (filters, kernel, stride, pad) in zip(offsets, expected, strict=True):
            r = _Reader(data, off)
            params = r.tensor()
            head = [r.int() for _ in range(7)]  # filters, nr, nc, stride y, stride x, padding y, padding x
            if head != [filters, kernel, kernel, stride, stride, pad, pad]:
                raise ModelFormatError(f"convolution {len(convs)}: {head}")
            nw = filters * channels * kernel * kernel
            if params.size != nw + filters:
                raise ModelFormatError(f"convolution {len(convs)}: {params.size} parameters")
            convs.append(_Conv(params[:nw].reshape(filters, -1), params[nw:].reshape(filters, 1), kernel, stride, pad))
            channels = filters
        self.convs = convs
        affines = [_Reader(data, off).tensor() for off in _records(data, b"affine_")]
        if [a.size for a in affines] != [2 * c.weights.shape[0] for c in convs]:
            raise ModelFormatError("affine layers do not follow the convolutions")
        self.scales = [a[: a.size // 2].reshape(-1, 1, 1) for a in affines]
        self.shifts = [a[a.size // 2:].reshape(-1, 1, 1) for a in affines]
        r = _Reader(data, _one_record(data, b"fc_2"))
        if (r.int(), r.int()) != (128, 256):
            raise ModelFormatError("the last layer is not 256 -> 128")
        self.fc = r.tensor().reshape(256, 128)

    # --- layers -------------------------------------------------------------------------------------------------

    @staticmethod
    def _conv(x: np.ndarray, c: _Conv) -> np.ndarray:
        if c.pad:
            x = np.pad(x, ((0, 0), (c.pad, c.pad), (c.pad, c.pad)))
        ch, h, w = x.shape
        k, s = c.kernel, c.stride
        ho, wo = (h - k) // s + 1, (w - k) // s + 1
        st = x.strides
        cols = as_strided(x, (ch, k, k, ho, wo), (st[0], st[1], st[2], st[1] * s, st[2] * s))
        out = c.weights @ cols.reshape(ch * k * k, ho * wo)  # im2col: one matrix product per layer
        out += c.bias
        return out.reshape(-1, ho, wo)

    @staticmethod
    def _pool(x: np.ndarray, k: int, reduce) -> np.ndarray:
        ch, h, w = x.shape
        ho, wo = (h - k) // 2 + 1, (w - k) // 2 + 1
        st = x.strides
        windows = as_strided(x, (ch, ho, wo, k, k), (st[0], st[1] * 2, st[2] * 2, st[1], st[2]))
        return np.ascontiguousarray(reduce(windows, axis=(3, 4)))

    @staticmethod
    def _add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        if a.shape == b.shape:
            return a + b
        out = np.zeros(tuple(max(p, q) for p, q in zip(a.shape, b.shape, strict=True)), np.float32)
        out[: a.shape[0], : a.shape[1], : a.shape[2]] += a
        out[: b.shape[0], : b.shape[1], : b.shape[2]] += b
        return out

    def _affine(self, x: np.ndarray, i: int) -> np.ndarray:
        x *= self.scales[i]
        x += self.shifts[i]
        return x

    def descriptor(self, chip: np.ndarray) -> np.ndarray:
        if chip.shape != (CHIP, CHIP, 3):
            raise ValueError(f"face chip must be {CHIP}x{CHIP}x3, got {chip.shape}")
        x = np.ascontiguousarray(((chip.astype(np.float32) - self.mean) / 256.0).transpose(2, 0, 1))
        x = np.maximum(self._affine(self._conv(x, self.convs[0]), 0), 0)
        x = self._pool(x, 3, np.max)
        for i in range(1, len(self.convs), 2):
            first, second = self.convs[i], self.convs[i + 1]
            y = np.maximum(self._affine(self._conv(x, first), i), 0)
            y = self._affine(self._conv(y, second), i + 1)
            shortcut = self._pool(x, 2, np.mean) if first.stride == 2 else x
            x = np.maximum(self._add(y, shortcut), 0)
        return x.mean(axis=(1, 2)) @ self.fc


def verify(net: FaceDescriptorNet, dlib_encoder, tolerance: float = 1e-4) -> float:
    """Largest difference from dlib's own descriptor on two fixed chips; raises if above `tolerance`."""
    rng = np.random.default_rng(150)
    yy, xx = np.mgrid[0:CHIP, 0:CHIP]
    smooth = np.stack([(xx * 1.7) % 256, (yy * 1.3) % 256, (xx + yy) % 256], axis=2)
    worst = 0.0
    for chip in (rng.integers(0, 256, (CHIP, CHIP, 3), dtype=np.uint8), smooth.astype(np.uint8)):
        ours = net.descriptor(chip)
        theirs = np.asarray(dlib_encoder.compute_face_descriptor(np.ascontiguousarray(chip)))
        worst = max(worst, float(np.abs(ours - theirs).max()))
    if worst > tolerance:
        raise ModelFormatError(f"NumPy descriptor differs from dlib's by {worst:.2g} (tolerance {tolerance:g})")
    return worst

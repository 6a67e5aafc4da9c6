"""Builds bufspec_broken, the deliberately broken exporters and consumers (tests only; not part of
the tracer's package or wheel).

    python3 src/broken/setup.py build --build-base target/python-build --build-lib target/python
"""
import os

from setuptools import setup, Extension

HERE = os.path.relpath(os.path.dirname(os.path.abspath(__file__)))

setup(
    name="bufspec_broken",
    version="0.1.0",
    description="Deliberately broken buffer exporters for bufspec's tests",
    ext_modules=[Extension("bufspec_broken", [os.path.join(HERE, "bufspec_broken.c")],
                           extra_compile_args=["-O2", "-Wall", "-Wno-missing-field-initializers",
                                               "-fno-strict-aliasing"])],
    zip_safe=False,
)

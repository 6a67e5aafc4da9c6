"""Builds the bufspec tracer (and, for tests, the deliberately broken exporters).

    python3 src/tracer/setup.py build_ext --inplace           # not used by Maven
    python3 src/tracer/setup.py build --build-base target/python-build --build-lib target/python

Needs only gcc, python3's headers and setuptools.
"""
import os
from setuptools import setup, Extension

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
os.chdir(ROOT)  # setuptools wants relative paths

CFLAGS = ["-O2", "-Wall", "-Wno-missing-field-initializers", "-fno-strict-aliasing"]

setup(
    name="bufspec_tracer",
    version="0.1.0",
    description="Records CPython buffer-protocol traffic as bufspec-trace NDJSON",
    packages=["bufspec_tracer", "bufspec_tracer._autostart"],
    package_dir={"": "src/tracer"},
    ext_modules=[
        Extension("bufspec_tracer._tracer", ["src/tracer/bufspec_tracer/_tracer.c"],
                  extra_compile_args=CFLAGS),
        # tests only: deliberately broken exporters and consumers (src/broken)
        Extension("bufspec_broken", ["src/broken/bufspec_broken.c"], extra_compile_args=CFLAGS),
    ],
    zip_safe=False,
)

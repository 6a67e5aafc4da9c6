"""Builds the exporters written as extension authors write them (C, Cython 3, pybind11), for the
memory watch's corpus (traces/corpus/authors-*.ndjson, src/tracer/workloads/authors.py).

    python3 -m venv target/authors-venv && target/authors-venv/bin/pip install cython pybind11 setuptools
    target/authors-venv/bin/python src/exporters/setup.py -q build --build-base target/authors-build \\
        --build-lib target/python-authors

The modules are built for the venv's Python (the machine's python3) and imported from
target/python-authors by the traced workloads."""
import os

from setuptools import Extension, setup

HERE = os.path.relpath(os.path.dirname(os.path.abspath(__file__)))
exts = [Extension("bufspec_authors_c", [os.path.join(HERE, "authors_c.c")], extra_compile_args=["-O1"])]
try:
    from Cython.Build import cythonize
    exts += cythonize([Extension("bufspec_authors_cy", [os.path.join(HERE, "authors_cy.pyx")])],
                      quiet=True, build_dir=os.environ.get("CYTHON_BUILD_DIR", "target/authors-cython"))
except ImportError:
    print("Cython not installed: bufspec_authors_cy skipped")
try:
    import pybind11
    exts.append(Extension("bufspec_authors_pb", [os.path.join(HERE, "authors_pb.cpp")],
                          include_dirs=[pybind11.get_include()], language="c++",
                          extra_compile_args=["-O1", "-std=c++17"]))
except ImportError:
    print("pybind11 not installed: bufspec_authors_pb skipped")

setup(name="bufspec_authors", version="0", ext_modules=exts, zip_safe=False)

// Exporters as pybind11 authors write them (for the memory watch's corpus,
// traces/corpus/authors-*): pybind11's def_buffer returns a py::buffer_info; pybind11 frees
// the buffer_info on release and has no hook of the author's there.
//
//   LazyMatrix   BROKEN: materialises its data on every buffer request into a fresh
//                std::vector (the previous one is freed: views acquired earlier dangle)
//   Matrix       correct: the data lives as long as the object; def_buffer points at it
#include <pybind11/pybind11.h>
#include <vector>

namespace py = pybind11;

struct Matrix {
    size_t rows, cols;
    std::vector<float> data;
    Matrix(size_t r, size_t c) : rows(r), cols(c), data(r * c, 1.0f) {}
    py::buffer_info info() {
        return py::buffer_info(data.data(), sizeof(float), py::format_descriptor<float>::format(), 2,
                               {rows, cols}, {sizeof(float) * cols, sizeof(float)});
    }
};

struct LazyMatrix : Matrix {
    using Matrix::Matrix;
    py::buffer_info request() {
        data = std::vector<float>(rows * cols, 2.0f);  // WRONG: frees the storage earlier views point at
        return info();
    }
};

PYBIND11_MODULE(bufspec_authors_pb, m) {
    py::class_<Matrix>(m, "Matrix", py::buffer_protocol())
        .def(py::init<size_t, size_t>())
        .def_buffer([](Matrix &x) { return x.info(); });
    py::class_<LazyMatrix>(m, "LazyMatrix", py::buffer_protocol())
        .def(py::init<size_t, size_t>())
        .def_buffer([](LazyMatrix &x) { return x.request(); });
}

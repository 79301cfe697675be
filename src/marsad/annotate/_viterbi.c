/* Viterbi decoding of a first-order CRF, one sentence after another.

   In numpy each token position of a report cost a dozen array calls (~10 us of
   overhead a position, most of the tagger's time); here a position costs
   labels x labels additions. Python side: marsad.annotate.crf.viterbi. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

/* paths(scores, lengths, transition, labels) -> bytes: the best label of each token.
   scores: float64 (tokens, labels), the sentences one after another; lengths: int64,
   each sentence's tokens; transition: float64 (from, to). Ties go to the lower label. */
static PyObject *paths(PyObject *self, PyObject *args) {
    Py_buffer sc, len, tr;
    Py_ssize_t labels;
    if (!PyArg_ParseTuple(args, "y*y*y*n", &sc, &len, &tr, &labels))
        return NULL;
    PyObject *out = NULL;
    double *best = NULL, *next = NULL;
    unsigned char *back = NULL;
    const double *score = sc.buf, *trans = tr.buf;
    const int64_t *lengths = len.buf;
    Py_ssize_t n_sent = len.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t tokens = sc.len / (Py_ssize_t)sizeof(double) / (labels > 0 ? labels : 1);
    Py_ssize_t total = 0;
    for (Py_ssize_t s = 0; s < n_sent; s++)
        total += lengths[s];
    if (labels < 1 || labels > 255 || total != tokens || sc.len != tokens * labels * (Py_ssize_t)sizeof(double)
        || tr.len != labels * labels * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "paths: scores, lengths and transition do not agree");
        goto done;
    }
    out = PyBytes_FromStringAndSize(NULL, tokens);
    best = malloc(sizeof(double) * labels);
    next = malloc(sizeof(double) * labels);
    back = malloc(tokens * labels + 1);
    if (!out || !best || !next || !back) {
        Py_CLEAR(out);
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    unsigned char *path = (unsigned char *)PyBytes_AS_STRING(out);
    Py_ssize_t at = 0;
    for (Py_ssize_t s = 0; s < n_sent; at += lengths[s], s++) {
        Py_ssize_t n = lengths[s];
        if (n == 0)
            continue;
        const double *st = score + at * labels;
        unsigned char *bk = back + at * labels;
        for (Py_ssize_t j = 0; j < labels; j++)
            best[j] = st[j];
        for (Py_ssize_t t = 1; t < n; t++) {
            for (Py_ssize_t j = 0; j < labels; j++) {
                double top = best[0] + trans[j];
                unsigned char from = 0;
                for (Py_ssize_t i = 1; i < labels; i++) {
                    double c = best[i] + trans[i * labels + j];
                    if (c > top) {
                        top = c;
                        from = (unsigned char)i;
                    }
                }
                bk[t * labels + j] = from;
                next[j] = top + st[t * labels + j];
            }
            double *swap = best;
            best = next;
            next = swap;
        }
        unsigned char last = 0;
        for (Py_ssize_t j = 1; j < labels; j++)
            if (best[j] > best[last])
                last = (unsigned char)j;
        path[at + n - 1] = last;
        for (Py_ssize_t t = n - 1; t > 0; t--)
            path[at + t - 1] = last = bk[t * labels + last];
    }
done:
    free(best);
    free(next);
    free(back);
    PyBuffer_Release(&sc);
    PyBuffer_Release(&len);
    PyBuffer_Release(&tr);
    return out;
}

static PyMethodDef methods[] = {
    {"paths", paths, METH_VARARGS, "paths(scores, lengths, transition, labels) -> bytes: each token's best label."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_viterbi", "Viterbi decoding in C.", -1, methods};

PyMODINIT_FUNC PyInit__viterbi(void) { return PyModule_Create(&module); }

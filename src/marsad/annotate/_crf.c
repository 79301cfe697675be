/* The CRF tagger's two loops over token positions: summing the state scores a
   token gets from its neighbours, and Viterbi decoding, one sentence after another.

   In numpy each position (or each neighbour offset) cost a dozen array calls,
   whose overhead was most of the tagger's time; here a position costs a few
   additions per label. Python side: marsad.annotate.crf. */

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

/* window(out, rows, lengths, pads, offsets, labels): out[t] = rows[t, 0] + for each offset k in
   order, rows[t + offsets[k], 1 + k] if that token is in t's sentence, else pads[k].
   out: float64 (tokens, labels), written; rows: float64 (tokens, 1 + offsets, labels); lengths,
   offsets: int64; pads: float64 (offsets, labels). The additions run in numpy's order, so the
   sums are the same to the last bit. */
static PyObject *window(PyObject *self, PyObject *args) {
    Py_buffer out, rw, len, pd, of;
    Py_ssize_t labels;
    if (!PyArg_ParseTuple(args, "w*y*y*y*y*n", &out, &rw, &len, &pd, &of, &labels))
        return NULL;
    PyObject *result = NULL;
    const int64_t *lengths = len.buf, *offsets = of.buf;
    Py_ssize_t n_sent = len.len / (Py_ssize_t)sizeof(int64_t), n_off = of.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t tokens = 0;
    for (Py_ssize_t s = 0; s < n_sent; s++)
        tokens += lengths[s];
    Py_ssize_t row = (1 + n_off) * labels;
    if (labels < 1 || out.len != tokens * labels * (Py_ssize_t)sizeof(double)
        || rw.len != tokens * row * (Py_ssize_t)sizeof(double)
        || pd.len != n_off * labels * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "window: rows, lengths, pads and offsets do not agree");
        goto done;
    }
    double *o = out.buf;
    const double *rows = rw.buf, *pads = pd.buf;
    Py_ssize_t at = 0;
    for (Py_ssize_t s = 0; s < n_sent; at += lengths[s], s++) {
        Py_ssize_t n = lengths[s];
        for (Py_ssize_t t = 0; t < n; t++) {
            double *dst = o + (at + t) * labels;
            const double *own = rows + (at + t) * row;
            for (Py_ssize_t j = 0; j < labels; j++)
                dst[j] = own[j];
            for (Py_ssize_t k = 0; k < n_off; k++) {
                Py_ssize_t p = t + offsets[k];
                const double *src = (p >= 0 && p < n) ? rows + (at + p) * row + (1 + k) * labels : pads + k * labels;
                for (Py_ssize_t j = 0; j < labels; j++)
                    dst[j] += src[j];
            }
        }
    }
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&out);
    PyBuffer_Release(&rw);
    PyBuffer_Release(&len);
    PyBuffer_Release(&pd);
    PyBuffer_Release(&of);
    return result;
}

static PyMethodDef methods[] = {
    {"window", window, METH_VARARGS, "window(out, rows, lengths, pads, offsets, labels): each token's state scores."},
    {"paths", paths, METH_VARARGS, "paths(scores, lengths, transition, labels) -> bytes: each token's best label."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_crf", "The CRF tagger's loops over token positions.", -1,
                                    methods};

PyMODINIT_FUNC PyInit__crf(void) { return PyModule_Create(&module); }

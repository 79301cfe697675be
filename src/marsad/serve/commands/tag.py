"""`marsad tag --conll`: BIO entity tags for a CoNLL file."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser(
        "tag",
        help="tag a CoNLL file with named entities (ANERcorp BIO scheme)",
        description="Read one token per line (token in the first column, blank line between "
        "sentences) and print 'token TAG' per line with the same blank lines, tags in BIO over "
        "PERS, ORG, LOC, MISC, so any CoNLL scorer can compare them with gold.",
        epilog="example: marsad tag --conll ANERCorp_CamelLab_test.txt > predicted.txt",
    )
    p.add_argument("--conll", required=True, metavar="FILE", help="CoNLL file to tag (UTF-8)")
    p.set_defaults(run=run)


def run(args) -> int:
    from marsad.annotate import ner

    try:
        with open(args.conll, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"marsad: cannot read {args.conll}: {exc}", file=sys.stderr)
        return 2
    sentences: list[list[str]] = [[]]
    for line in lines:
        parts = line.split()
        if parts:
            sentences[-1].append(parts[0])
        else:
            sentences.append([])
    # Blank lines are kept as they are: each one closes the sentence before it.
    tags = ner.tag_document(sentences)
    out = []
    for k, (sent, sent_tags) in enumerate(zip(sentences, tags)):
        out += [f"{tok} {t}" for tok, t in zip(sent, sent_tags)]
        if k < len(sentences) - 1:
            out.append("")
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    return 0

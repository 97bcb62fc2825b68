#!/usr/bin/env python3
"""Checks an `airm audit proof N --json -` document without airm's code.

Reads the JSON on stdin, recomputes the leaf hash SHA-256(0x00 || entry),
folds the audit path by RFC 9162 section 2.1.3.2 and compares the result with
the root hash, and checks that the signed checkpoint text carries that root
(base64) and tree size. Prints "ok" and exits 0, else prints why and exits 1.
(The Ed25519 signature is not checked here: Debian's python3 has no Ed25519
without extra packages.)
"""
import base64
import hashlib
import json
import sys


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def main():
    doc = json.load(sys.stdin)
    index, size = doc["leaf_index"], doc["tree_size"]
    leaf = hashlib.sha256(b"\x00" + doc["entry"].encode("utf-8")).digest()
    if leaf.hex() != doc["leaf_hash"]:
        print("leaf hash differs"); return 1
    fn, sn, r = index, size - 1, leaf
    for p in (bytes.fromhex(h) for h in doc["audit_path"]):
        if sn == 0:
            print("path too long"); return 1
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0 or r.hex() != doc["root_hash"]:
        print("path does not lead to the root"); return 1
    checkpoint = doc["signed_tree_head"]["checkpoint"].split("\n")
    if checkpoint[1] != str(size) or base64.b64decode(checkpoint[2]) != r:
        print("checkpoint does not carry the root"); return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

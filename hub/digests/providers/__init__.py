"""Digest section providers: one module per content app, adapting its queries to the digest
contract in ``hub.digests.sections``."""

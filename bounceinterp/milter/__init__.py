"""The milter: a mail filter daemon that rewrites bounces in transit (``bounceinterp milter``).

A small asyncio implementation of the milter protocol version 6, in the standard library only:
``protocol`` (packets and negotiation), ``session`` (one MTA connection), ``server`` (listener,
worker threads, signals, logging), ``config`` (options and the language map), ``cli`` (the
subcommand). docs/milter.md says why it is not built on pymilter, and how to set it up.
"""

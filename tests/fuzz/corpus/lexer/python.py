2#!/usr/bin/env python3
"""Pick a model.

The docstring says gpt-4 but that is prose.
"""
import openai

MODEL = "gpt-4o-2024-08-06"  # was gpt-4o
r"""raw claude-3-opus""" ; f"{x!r} gpt-4"
def f():
    '''single
    quoted gpt-4o'''
    return client.chat(model="gpt-4o")  # pincheck:allow
s = "unterminated

"""The plan formats, one module each: its reader, its alias tables and its
``Format`` (the writer is ``templates/NAME.md.j2``). ``_registry`` registers them."""

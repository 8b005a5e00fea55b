"""Signed offline content packs (issue 18): a publisher signs a content database with The Update
Framework (TUF), and a clinic installs it from a folder, a USB stick or a network share, never over
the network.

- :mod:`.publish` makes the signing keys (``keygen``), replaces them (``rotate_root``) and builds a
  pack folder (``build_pack``).
- :mod:`.install` checks a pack against the keys this computer already trusts and installs it
  into the content store (``update_from``), or goes back to the previous pack (``rollback``).
- :mod:`.store` says where installed packs live and which one is current; it needs no TUF.

The TUF modules are imported only by :mod:`.publish` and :mod:`.install`, which the app never loads
at start-up.
"""

"""Signals other apps listen to, sent by the registry functions (never by ``save()``)."""

from django.dispatch import Signal

#: Sent inside the transaction of ``update_organization`` when an organisation moves to
#: another region, with ``organization``, ``old`` and ``new`` (region codes or None), so that
#: figures kept per region elsewhere (the chains' per-region counts) move with it.
region_changed = Signal()

"""Networks that carry other people's traffic: access, neutrality and host-law duties.

Owns the description of a backbone, middle-mile, internet exchange or
satellite gateway as a reviewer of open access asks about it: wholesale
access, equal treatment of traffic, how an exchange is governed, and the
interception and routing duties the host country's law puts on the network.
Refuses judgement: a host-law interception mandate is recorded as a fact;
whether it matters is for a rule to say.
"""

from __future__ import annotations

from checker.datamodel import Fact, Model, Text


class ExchangeGovernance(Model):
    """How an internet exchange point is run."""

    neutral_operator: Fact | None = None
    """Run by a body independent of any one network, carrier or state agency."""
    open_peering: Fact | None = None
    """Any network meeting published technical terms may connect and peer."""
    multistakeholder: Fact | None = None
    """Its members (networks, content, academia) govern it."""
    traffic_inspection: Fact | None = None
    """Traffic crossing the exchange is inspected, filtered or copied at the exchange."""


class HostLawDuties(Model):
    """Interception and routing duties the host country's law places on the network."""

    direct_access_interception: Fact | None = None
    """The law requires equipment giving a security service direct access to traffic
    without showing each authorisation to the operator (SORM-type systems)."""
    mandated_routing: Fact | None = None
    """The law requires traffic to pass through a state-run exchange or switching centre."""
    notes: Text | None = None
    """Which law and article, as far as known."""


class Connectivity(Model):
    """Access to and neutrality of a network that carries third parties' traffic."""

    wholesale_open_access: Fact | None = None
    """Other operators get wholesale access (ducts, dark fibre, capacity, ports) on fair,
    reasonable and non-discriminatory terms that are published."""
    equal_treatment: Fact | None = None
    """Traffic is treated equally: no blocking, throttling or prioritisation beyond
    reasonable traffic management."""
    exchange: ExchangeGovernance | None = None
    """For an internet exchange point: how it is run."""
    host_law: HostLawDuties | None = None
    """The host country's interception and routing duties."""

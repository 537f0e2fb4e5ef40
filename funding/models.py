"""The money: funding sources (the region's and the Rijk's contributions), allocations to
initiatives and the spending from them.

Rules that span rows: allocations never exceed their source, spending never exceeds its
allocation. Every write path takes the row lock of what it fills first (SELECT ... FOR UPDATE on
PostgreSQL; SQLite runs transactions in IMMEDIATE mode, which serialises writers), so two staff
members at the same moment cannot both use the same remaining euros. Locks are taken in one
order, source before allocation, so concurrent writers cannot deadlock. The checks live here,
beside the models whose save() runs them; funding/services.py builds on them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel, TimestampedModel
from zuidwest.ui.money import format_euros

ZERO_EUROS = Decimal("0.00")


def money_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class FundingSourceQuerySet(models.QuerySet):
    def with_totals(self):
        """Each source with `allocated_total`. A subquery rather than a join with GROUP BY, so
        further subquery annotations (spending) run once per source, not once per allocation."""
        allocated = (Allocation.objects.filter(source=OuterRef("pk")).order_by()
                     .values("source").annotate(total=Sum("amount")).values("total"))
        return self.annotate(
            allocated_total=Coalesce(
                Subquery(allocated),
                ZERO_EUROS,
                output_field=models.DecimalField(max_digits=14, decimal_places=2),
            )
        ).order_by("-amount")


class FundingSource(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("regio")
        NATIONAL = "national", _("Rijk")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, unique=True)
    amount = money_field(_("bedrag (euro)"))
    funders = models.ManyToManyField(
        "alliances.Organisation", blank=True, related_name="funded_sources",
        verbose_name=_("financiers"),
    )
    description = models.TextField(_("beschrijving"), blank=True)

    objects = FundingSourceQuerySet.as_manager()

    class Meta:
        db_table = "initiatives_fundingsource"  # the table from before the apps were split
        verbose_name = _("geldbron")
        verbose_name_plural = _("geldbronnen")
        ordering = ["-amount"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_source_amount_positive")
        ]

    def __str__(self):
        return self.name

    def allocated_amount(self, excluding=()):
        """The euros allocated from this source, leaving out the allocations whose primary
        keys are in `excluding` (unsaved ones, None, are skipped)."""
        allocations = self.allocations.all()
        excluded = [pk for pk in excluding if pk]
        if excluded:
            allocations = allocations.exclude(pk__in=excluded)
        return allocations.aggregate(total=Coalesce(Sum("amount"), ZERO_EUROS))["total"]

    def remaining_amount(self, excluding=()):
        """The euros still free to allocate: the amount minus the allocations (without those
        in `excluding`). It can be below zero only for data from before the budget check.

        A source from FundingSourceQuerySet.with_totals() already carries `allocated_total`,
        which is used when nothing is excluded, so a list of sources costs no query per row.
        Under check_within_budget the source comes from the row lock, without that
        annotation, so the allocations are counted after the lock is taken."""
        allocated = getattr(self, "allocated_total", None)
        if allocated is None or excluding:
            allocated = self.allocated_amount(excluding)
        return self.amount - allocated


class AllocationQuerySet(models.QuerySet):
    def with_spent(self):
        """Each allocation with `spent_total`: its realised spending so far."""
        return self.annotate(spent_total=Coalesce(
            Sum("spendings__amount"), ZERO_EUROS,
            output_field=models.DecimalField(max_digits=14, decimal_places=2)))


class Allocation(DemoFlaggedModel, TimestampedModel):
    """Money from one funding source for one initiative.

    The sum per source never exceeds the source's amount: see check_within_budget,
    which every write path (admin, inline, service) goes through under a row lock.
    """

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.PROTECT, related_name="allocations",
        verbose_name=_("initiatief"),
    )
    source = models.ForeignKey(
        FundingSource, on_delete=models.PROTECT, related_name="allocations",
        verbose_name=_("geldbron"),
    )
    amount = money_field(_("bedrag (euro)"))
    year = models.PositiveSmallIntegerField(_("jaar"))
    decision_date = models.DateField(_("besluitdatum"))
    reference = models.CharField(_("kenmerk"), max_length=100, unique=True)
    note = models.TextField(_("toelichting"), blank=True)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        db_table = "initiatives_allocation"  # the table from before the apps were split
        verbose_name = _("toekenning")
        verbose_name_plural = _("toekenningen")
        ordering = ["-decision_date", "reference"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive"),
            models.CheckConstraint(
                condition=Q(year__gte=2020, year__lte=2040), name="allocation_year_plausible"
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.initiative} ({self.source})"

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("Het bedrag moet groter zijn dan 0 euro.")})
        if self.source_id and self.amount:
            check_within_budget(self.source_id, replacing=[self.pk], adding=self.amount)
            check_covers_spending(self.pk, self.amount)

    def save(self, *args, **kwargs):
        # Checked again under the row locks (source, then allocation): clean() may have run
        # outside the transaction that writes.
        with transaction.atomic():
            check_within_budget(self.source_id, replacing=[self.pk], adding=self.amount)
            check_covers_spending(self.pk, self.amount)
            super().save(*args, **kwargs)

    def spent_amount(self, excluding=()):
        """The euros spent from this allocation, leaving out the spending in `excluding`.
        An allocation from AllocationQuerySet.with_spent() carries it already."""
        spent = getattr(self, "spent_total", None)
        if spent is not None and not excluding:
            return spent
        spendings = self.spendings.exclude(pk__in=[pk for pk in excluding if pk])
        return spendings.aggregate(total=Coalesce(Sum("amount"), ZERO_EUROS))["total"]


class Spending(DemoFlaggedModel, TimestampedModel):
    """Money actually spent from an allocation over a period, as staff report it.

    The spending of an allocation never exceeds its amount: see check_spending, which
    every write path goes through under the allocation's row lock."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="spendings",
        verbose_name=_("toekenning"),
    )
    amount = money_field(_("bedrag (euro)"))
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        db_table = "initiatives_spending"  # the table from before the apps were split
        verbose_name = _("besteding")
        verbose_name_plural = _("bestedingen")
        ordering = ["-period_end", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spending_amount_positive"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                   name="spending_period_in_order"),
        ]

    def __str__(self):
        return f"{self.allocation.reference}: {self.period_start} – {self.period_end}"

    @property
    def year(self):
        return self.period_end.year

    def clean(self):
        errors = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("Het bedrag moet groter zijn dan 0 euro.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Het einde van de periode ligt voor het begin.")
        if errors:
            raise ValidationError(errors)
        if self.allocation_id and self.amount:
            check_spending(self.allocation_id, replacing=[self.pk], adding=self.amount)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            check_spending(self.allocation_id, replacing=[self.pk], adding=self.amount)
            super().save(*args, **kwargs)


class AllocationRevision(TimestampedModel):
    """A decision that changed an allocation's amount: the history stays visible."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.CASCADE, related_name="revisions",
        verbose_name=_("toekenning"),
    )
    previous_amount = money_field(_("was"))
    new_amount = money_field(_("wordt"))
    decided_on = models.DateField(_("besluitdatum"))
    reason = models.TextField(_("reden"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("ingevoerd door"),
    )

    class Meta:
        db_table = "initiatives_allocationrevision"  # the table from before the apps were split
        verbose_name = _("herziening van een toekenning")
        verbose_name_plural = _("herzieningen van toekenningen")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="allocation_revision_has_reason"),
            models.CheckConstraint(condition=Q(new_amount__gt=0),
                                   name="allocation_revision_amount_positive"),
        ]

    def __str__(self):
        return f"{self.allocation.reference}: {self.previous_amount} → {self.new_amount}"


def _locked(model, pk):
    rows = model.objects.filter(pk=pk)
    if connection.in_atomic_block:
        rows = rows.select_for_update()
    return rows.get()


def lock_source(source_id):
    return _locked(FundingSource, source_id)


def check_within_budget(source_id, *, replacing=(), adding):
    """Raise ValidationError unless `adding` euros fit in the source, next to its other
    allocations. Allocations listed in `replacing` are left out of the count, because their
    (new) amounts are part of `adding`."""
    source = lock_source(source_id)
    # Counted after the lock: a concurrent allocation to this source has either committed
    # (and is counted) or waits for this transaction.
    available = source.remaining_amount(excluding=replacing)
    if Decimal(adding) > available:
        raise ValidationError(
            gettext(
                "Dit past niet in %(source)s: er is nog %(available)s beschikbaar, "
                "je vraagt %(requested)s."
            )
            % {
                "source": source.name,
                "available": format_euros(max(available, ZERO_EUROS)),
                "requested": format_euros(adding),
            },
            code="over_allocated",
        )
    return available


def check_spending(allocation_id, *, replacing=(), adding):
    """Raise ValidationError unless `adding` euros of spending fit in the allocation, next to
    its other spending (those in `replacing` left out, as for check_within_budget)."""
    allocation = _locked(Allocation, allocation_id)
    available = allocation.amount - allocation.spent_amount(excluding=replacing)
    if Decimal(adding) > available:
        raise ValidationError(
            gettext("Dit is meer dan er over is van toekenning %(reference)s: er is nog "
                    "%(available)s niet besteed, je vult %(requested)s in.")
            % {"reference": allocation.reference,
               "available": format_euros(max(available, ZERO_EUROS)),
               "requested": format_euros(adding)},
            code="over_spent",
        )
    return available


def check_covers_spending(allocation_id, amount):
    """An allocation cannot be lowered below what was already spent from it."""
    if allocation_id is None:
        return
    spent = _locked(Allocation, allocation_id).spent_amount()
    if Decimal(amount) < spent:
        raise ValidationError(
            {"amount": gettext("Er is al %(spent)s besteed van deze toekenning. Het bedrag kan "
                               "niet lager worden dan dat.") % {"spent": format_euros(spent)}},
            code="below_spent",
        )

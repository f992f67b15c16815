"""Initiatives (insatser, projekt) funded by an association."""

from django.db import models

from members.models import Association


class Initiative(models.Model):
    """An initiative (insats or projekt) the association funds."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="initiatives", verbose_name="förbund"
    )
    name = models.CharField("namn", max_length=200)

    tenant_path = "association"

    class Meta:
        verbose_name = "insats"
        verbose_name_plural = "insatser"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

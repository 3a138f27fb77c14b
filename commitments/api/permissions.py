from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly


class FactPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; writing needs the same model permissions as the admin."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

RESEARCHERS = "Researchers"
EDITORS = "Editors"


def create_researcher(username: str, password: str, *, editor: bool = False):
    """A new staff account in the Researchers group (Editors with `editor`), password validated.

    Raises ValidationError with a readable message when the name is taken or the password is weak.
    """
    User = get_user_model()
    username = username.strip()
    if not username:
        raise ValidationError("Give a user name.")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"A user named {username!r} already exists.")
    user = User(username=username, is_staff=True)
    validate_password(password, user)
    group_name = EDITORS if editor else RESEARCHERS
    try:
        group = Group.objects.get(name=group_name)
    except Group.DoesNotExist:
        raise ValidationError(
            f"The {group_name} group is missing: run `manage.py migrate`."
        ) from None
    with transaction.atomic():
        user.set_password(password)
        user.full_clean()
        user.save()
        user.groups.add(group)
    return user


class Command(BaseCommand):
    help = (
        "Create a staff account for the admin in the Researchers group (add, change and view "
        "facts) or, with --editor, the Editors group (which may also delete). Without "
        "--username/--password it asks for them. The password must pass the project's password "
        "validators."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help="the new account's user name")
        parser.add_argument("--password", help="its password (asked for when left out)")
        parser.add_argument(
            "--editor", action="store_true", help="put the account in Editors, who may delete"
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="never prompt; fail when a value is missing",
        )

    def handle(self, *args, username=None, password=None, editor=False, interactive=True, **opts):
        if not interactive and (username is None or password is None):
            raise CommandError("--username and --password are required with --noinput.")
        if username is None:
            username = self.ask_username()
        if password is None:
            password = self.ask_password(username)
        try:
            user = create_researcher(username, password, editor=editor)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        group = EDITORS if editor else RESEARCHERS
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} in {group}."))

    def ask_username(self) -> str:
        User = get_user_model()
        while True:
            username = input("User name: ").strip()
            if not username:
                self.stderr.write("Give a user name.")
            elif User.objects.filter(username__iexact=username).exists():
                self.stderr.write(f"A user named {username!r} already exists.")
            else:
                return username

    def ask_password(self, username: str) -> str:
        User = get_user_model()
        while True:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                self.stderr.write("The passwords do not match.")
                continue
            try:
                validate_password(password, User(username=username))
            except ValidationError as exc:
                self.stderr.write(" ".join(exc.messages))
                continue
            return password

import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    # Uploaded files go to a throwaway folder, never the developer's private media.
    settings.HUB_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"

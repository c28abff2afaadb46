"""``uploader_from_url``: a bad option is an ``UploaderError`` (the only error document sources catch)."""

from __future__ import annotations

import pytest

from pulumi_did_agents.uploaders import UploaderError, uploader_from_url


def test_a_presign_seconds_that_is_not_a_number_names_the_option() -> None:
    spec = "s3://docs?url=presigned&presign_seconds=1h"
    with pytest.raises(UploaderError) as caught:
        uploader_from_url(spec)
    assert (
        str(caught.value) == f"uploader {spec!r}: presign_seconds must be a whole number of seconds, not '1h'"
    )

import pytest

from sales_technology.core.compatibility import major_version, unsupported_versions


@pytest.mark.parametrize(
	"version, major",
	[("15.74.0", 15), ("v15.0.0-dev", 15), ("16.0.0-beta.1", 16), ("14.99.1", 14), ("", None), ("dev", None)],
)
def test_major_version(version, major):
	assert major_version(version) == major


def test_older_than_v15_or_unreadable_is_unsupported():
	versions = {"Frappe": "14.50.0", "ERPNext": "15.70.1", "Other": "develop"}
	assert unsupported_versions(versions) == {"Frappe": "14.50.0", "Other": "develop"}
	assert unsupported_versions({"Frappe": "15.74.0", "ERPNext": "16.1.0"}) == {}

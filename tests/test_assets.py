from tests.assets import loaded_from_elsewhere


def test_off_site_scripts_and_styles_are_found_and_nonces_are_not():
    html = (
        '<script src="https://cdn.example/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example/f.css">'
        '<script nonce="k2cdnx" src="/static/js/app.js"></script>'
        '<a href="https://www.1177.se">1177</a>'
    )
    assert loaded_from_elsewhere(html) == ["https://cdn.example/x.js", "//fonts.example/f.css"]

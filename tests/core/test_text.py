from core.text import clean_text, one_line


def test_clean_text_removes_excel_escapes_controls_and_zero_width_marks_but_keeps_lines():
    assert clean_text("Rad_x000A_ett\r\ntvå\u200b\ttre\x07") == "Rad\nett\ntvå tre"


def test_one_line_folds_every_kind_of_space():
    text = "  1722100\u00a0 Akutmottagningen\nKöping\u200b "
    assert one_line(text) == "1722100 Akutmottagningen Köping"


def test_numbers_become_text():
    assert one_line(1722100) == "1722100"

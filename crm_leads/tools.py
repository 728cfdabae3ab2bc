import re
import unicodedata


def normalize_name(name):
    """The key under which two spellings of one name are the same, for every comparison of names
    the addon makes (duplicate check, conversion, import keys): no case, accents, punctuation or
    extra spaces, so "Société  Générale" and "societe-generale" both give "societe generale"."""
    if not name:
        return False
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split()) or False

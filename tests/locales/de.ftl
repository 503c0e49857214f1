# A test catalogue: a third language is one more file in locales/. Only two messages here;
# every other one falls back to French.
lang-name = Deutsch
page-title = Termin vereinbaren

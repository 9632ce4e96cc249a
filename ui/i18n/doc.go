// Package i18n is the window's language: English, 简体中文 or Deutsch, with
// Fyne's lang package.
//
// # Choosing the language
//
// Setup picks the language once, before the window is built: the choice
// stored in the preferences (Pref: "en", "zh", "de"), or, when that is empty
// ("System"), the system locale as Fyne reads it (LC_ALL, LC_MESSAGES, LANG,
// LANGUAGE). A language other than the three is English. A new choice takes
// effect at the next start: every label is built once with its text.
//
// # Texts
//
// English is the source: T("Open CSV…") returns the translation of that
// English text, or the text itself when there is none. With arguments the
// (translated) text is a fmt format: T("%d epochs", n); a translation keeps
// the verbs and may reorder them (%[2]s), and float arguments are written
// as the language writes numbers. N marks a text where a table defines it
// for T to translate where it is shown; All translates a select's options.
// The translations are JSON files in translations/ (en.json holds only the
// language code), embedded in the binary and loaded into Fyne's lang
// bundle, so Fyne's own dialogs follow the same language.
// TestKeysTranslated fails when a text passed to T, N or All in the module
// (or to package chart's Style.tr) has no Chinese or German translation,
// when a translation changes the format verbs, and when a file holds a
// text no code uses.
//
// Tables of other packages are translated by key, English kept as the
// fallback: the settings (FieldLabel, FieldHelp: "setting.NAME.label",
// "setting.NAME.help"; GroupName), the samples (SampleTitle,
// SampleDescription, SampleSource: "sample.ID.title", ".description",
// ".source") and the article's claims ("claim.ID"). The test checks every
// key of the tables. The Help ▸ Guide text is not here but in
// ui/guide/CODE.md, one Markdown file per language.
//
// # Errors
//
// Errors keep their English text (CLI, logs); Error translates an error for
// the window: the frame of a tsdata.InputError (file, row, column) and its
// message and hint, a config.SettingsError field by field, and any other
// message that matches one of the templates in errors.go (the one place
// that knows the English wording of other packages' messages). A message
// that matches none is shown in English.
//
// # Numbers and dates
//
// Number, Numf and DateText turn the machine form ("1234.5", 2024-01-31)
// into the language's: a decimal comma and '.' between thousands in
// German, "31.01.2024"; Chinese writes numbers as English does and dates as
// 2024-01-31. Files written keep the machine form.
package i18n

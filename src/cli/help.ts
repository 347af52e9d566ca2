// The usage text: printed by --help (stdout) and after a usage mistake (stderr).

/** Printed after a usage mistake. */
export const SYNOPSIS = `Usage:
  npm run roster -- validate FILE [--json] [--sheet NAME] [--map "HEADER=field" …]
  npm run roster -- fix FILE --out OUT [--rejected REJ] [--skip-invalid] [--generate-passwords]
                        [--sheet NAME] [--map "HEADER=field" …]
  npm run roster -- --help
`;

export const USAGE = `Roster: check a client file (CSV or Excel .xlsx) before the platform's bulk import, and
fix it.

${SYNOPSIS}
FILE: a CSV file or an Excel workbook (.xlsx), told apart by its content, not its name. Old
Excel (.xls), Numbers and OpenDocument (.ods) files, and workbooks protected by a password, are
refused with an error saying how to export them from their app. Of a workbook, the one sheet
whose header row names template columns is read, and the report names it. Cells are read as
shown: dates as YYYYMMDD, numbers without exponent, text as written (leading zeros kept).
  --sheet NAME  Read the sheet NAME (exact, capitals included): needed when several sheets
                could hold the clients. A NAME the workbook does not have, several matching
                sheets without --sheet, or --sheet for a CSV file are usage mistakes (exit
                status 2, listing the sheets).
The header row is the first row, within rows 1 to 20, that names two template columns; the
rows above it (a title, notes) are skipped with one warning. Row numbers in messages are the
file's or the sheet's own (a client on sheet row 5 is row 5).

Columns: a header that is a template column's name or a known alias (in English, French,
Spanish, German, Dutch, Portuguese or Italian; case, accents and punctuation aside) feeds that
column; other columns are left out. Both commands take:
  --map "HEADER=field"  Read the column headed HEADER (as written in FILE) as field, one of
                        email_address, initial_password, first_name, last_name, birthdate,
                        gender, tag, external_id, or skip to leave it out. Repeat it for more
                        columns; several may feed tag. For example:
                          --map "Contact=email_address" --map "Notes=skip"
                        A HEADER that no column or two columns have, or an unknown field, is a
                        usage mistake (exit status 2).

validate FILE
  Prints a report: encoding and delimiter (for a workbook: the sheet read), client rows
  (blank rows not counted), valid rows, errors and warnings, the columns matched to another
  name and those left out, then the issues grouped by code with their rows and messages (the
  first 20 messages of each code).
  --json   Print one JSON object instead (and nothing else, with npm run --silent):
             { "file", "sheet"?, "encoding", "delimiter", "rows", "validRows", "errors",
               "warnings", "columns", "issues" }
           sheet: the workbook sheet read (absent for a CSV file). encoding ("utf-8",
             "windows-1252" …) and delimiter ("," ";" or tab) are those of a CSV file; for a
             workbook both are null (its cells are already separated and decoded).
           rows: client rows; validRows: rows without an error; errors, warnings: issue counts.
           columns: the header row of FILE, one entry per header cell (trailing empty cells
             left out): { "index": 0-based position, "letter": "A", "header": the text in FILE
             ("" when the row holds an email address: a client's row, never quoted),
             "field": the template column it feeds or null when its cells are left out,
             "status": "template" | "alias" (another name for a template column) |
             "mapped" (chosen by --map; field null for skip) | "duplicate" | "unknown" |
             "empty" }.
           issues: every issue { "row", "column", "code", "severity", "message", "fix"? }, where
             row is the spreadsheet row (of FILE or its sheet) or null for the whole file, and
             fix is the corrected value when it is certain.
  Exit status: 0 no errors (warnings allowed), 1 errors (also a file that is neither text nor
  a workbook Roster can read: the report says why), 2 the file cannot be opened or the
  report cannot be written (a full disk, or a reader such as \`| head\` that stopped early).

fix FILE --out OUT
  Applies every certain fix (lowercase emails, YYYYMMDD birthdates, male/female, template
  column names, cells outside the columns dropped) and writes OUT in template form: a CSV
  file (also when FILE is a workbook), UTF-8, CRLF, columns in template order, ready for the
  platform's import.
  --generate-passwords  Give every client without a password a new random one (14 characters,
                        all four kinds). OUT then holds them: give each client their password.
  --skip-invalid        When rows still have errors, write the valid ones to OUT instead of
                        refusing. Without it, fix writes nothing while any row has an error.
  --rejected REJ        Also write the rows that still have errors to REJ: the template
                        columns, then the columns of FILE left out of the import (as written),
                        then an "errors" column saying why (UTF-8 with BOM for Excel). OUT and
                        REJ together hold every client of FILE.
  Exit status: 0 OUT written, 1 refused (errors remain; nothing written), 2 a file cannot be
  read or written. OUT and REJ are written whole or not at all: when one cannot be written,
  neither is changed, and the message says which. OUT may be FILE itself, or a device such
  as /dev/stdout.

Both commands also take:
  --lang LANG  Print the report and the issue messages in LANG: en (the default), fr, es, de
               or pt. The --json fields stay the same (and English); only each issue's
               "message" follows LANG.

Dates are checked against today's date on this computer.
Exit status 2 also means a usage mistake.
`;

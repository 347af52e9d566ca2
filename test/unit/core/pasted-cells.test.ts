// Pasted cells: the tab-separated text and the HTML table Excel, Google Sheets and Numbers put on
// the clipboard, which flavour wins, and the CSV a paste becomes for the importer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	columnLetters,
	looksLikeHeader,
	pastedCsv,
	pastedRows,
	readPastedHtml,
	readPastedText,
} from '../../../src/core/pasted-cells.ts';
import { CsvStreamReader } from '../../../src/core/csv-reader.ts';
import { decodeEntities } from '../../../src/core/html-entities.ts';

/** What the importer reads back from a CSV text. */
function readCsv(text: string): string[][] {
	const rows: string[][] = [];
	const reader = new CsvStreamReader((records) => rows.push(...records.map((r) => r.cells)));
	reader.push(text);
	reader.end();
	return rows;
}

describe('readPastedText', () => {
	it('reads rows by CRLF, LF or CR and cells by tab', () => {
		expect(readPastedText('a\tb\r\nc\td\ne\tf\rg\th')).toEqual([
			['a', 'b'],
			['c', 'd'],
			['e', 'f'],
			['g', 'h'],
		]);
	});

	it('makes no empty row of one trailing line break, but keeps a second one', () => {
		expect(readPastedText('a\tb\r\n')).toEqual([['a', 'b']]);
		expect(readPastedText('a\tb\n')).toEqual([['a', 'b']]);
		expect(readPastedText('a\n\n')).toEqual([['a'], ['']]);
		expect(readPastedText('')).toEqual([]);
	});

	it('reads quoted cells with tabs, line breaks and doubled quotes', () => {
		// Excel's copy of: Marie⏎Claire | say "hi" | a<tab>b
		const text = '"Marie\nClaire"\t"say ""hi"""\t"a\tb"\r\nnext\trow\t\r\n';
		expect(readPastedText(text)).toEqual([
			['Marie\nClaire', 'say "hi"', 'a\tb'],
			['next', 'row', ''],
		]);
		expect(readPastedText('"one\r\ntwo"')).toEqual([['one\r\ntwo']]);
	});

	it('reads a quote that does not start a quoted cell as a literal character', () => {
		expect(readPastedText('5" tall\tO"Neil\n"Bob" Smith\tx')).toEqual([
			['5" tall', 'O"Neil'],
			['"Bob" Smith', 'x'],
		]);
	});

	it('reads an unclosed quote as literal text, keeping the rows after it', () => {
		expect(readPastedText('"Dupont\tmarie@example.com\nLeroy\tjean@example.com')).toEqual([
			['"Dupont', 'marie@example.com'],
			['Leroy', 'jean@example.com'],
		]);
	});

	it('reads a large paste with stray quotes at cell starts in one pass', () => {
		const rows = 100_000;
		const text = Array.from({ length: rows }, (_, i) => `"x${i}\ty${i}`).join('\n');
		const read = readPastedText(text);
		expect(read).toHaveLength(rows);
		expect(read[rows - 1]).toEqual([`"x${rows - 1}`, `y${rows - 1}`]);
	});

	it('keeps ragged rows as they are', () => {
		expect(readPastedText('a\tb\tc\nd\ne\tf\t\t')).toEqual([
			['a', 'b', 'c'],
			['d'],
			['e', 'f', '', ''],
		]);
	});

	it('reads back any cells written the way spreadsheets copy them', () => {
		const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '"', '\t', '\n', '\r', ';') });
		const rows = fc
			.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 })
			// A last row of one empty cell is the trailing line break itself.
			.filter((r) => !((r.at(-1) as string[]).length === 1 && (r.at(-1) as string[])[0] === ''));
		fc.assert(
			fc.property(rows, fc.boolean(), (cells, trailing) => {
				const text =
					cells
						.map((r) =>
							r.map((c) => (/[\t\n\r"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t'),
						)
						.join('\r\n') + (trailing ? '\r\n' : '');
				expect(readPastedText(text)).toEqual(cells);
			}),
		);
	});
});

// What Excel for Windows puts on the clipboard for a range (trimmed of its long style sheet).
const EXCEL_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<link id=Main-File rel=Main-File
href="file:///C:/Users/coach/AppData/Local/Temp/msohtmlclip1/01/clip.htm">
<link rel=File-List
href="file:///C:/Users/coach/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<style>
<!--table
	{mso-displayed-decimal-separator:"\\.";
	mso-displayed-thousand-separator:"\\,";}
.xl65
	{mso-number-format:"\\@";}
.xl66
	{white-space:normal;}
-->
</style>
<!--[if gte mso 9]><xml>
 <x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Clients <td>not a cell</td></x:Name>
 </x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook>
</xml><![endif]-->
</head>

<body link="#0563C1" vlink="#954F72">

<table border=0 cellpadding=0 cellspacing=0 width=320 style='border-collapse:
 collapse;width:240pt'>
<!--StartFragment-->
 <col width=64 span=5 style='width:48pt'>
 <tr height=20 style='height:15.0pt'>
  <td height=20 width=64 style='height:15.0pt;width:48pt'>Email</td>
  <td width=64 style='width:48pt'>First name</td>
  <td width=64 style='width:48pt'>Last name</td>
  <td width=64 style='width:48pt'>Birthdate</td>
  <td width=64 style='width:48pt'>External ID</td>
 </tr>
 <tr height=40 style='height:30.0pt'>
  <td height=40 class=xl65 style='height:30.0pt'>marie@example.com</td>
  <td class=xl66 width=64 style='width:48pt'>Marie<br style='mso-data-placement:same-cell' />
  Claire</td>
  <td>Dupont &amp; Fils</td>
  <td align=right>19850412</td>
  <td class=xl65>00123</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 style='height:15.0pt'>jean@example.com</td>
  <td><font class="font5">Jean-</font><font class="font6">Fran&ccedil;ois</font></td>
  <td>L&#233;vy<span style='mso-spacerun:yes'>&nbsp; </span></td>
  <td></td>
  <td class=xl65>&lt;none&gt;</td>
 </tr>
 <![if supportMisalignedColumns]>
 <tr height=0 style='display:none'>
  <td width=64 style='width:48pt'></td>
 </tr>
 <![endif]>
<!--EndFragment-->
</table>

</body>

</html>`;

const EXCEL_TEXT =
	'Email\tFirst name\tLast name\tBirthdate\tExternal ID\r\n' +
	'marie@example.com\t"Marie\nClaire"\tDupont & Fils\t19850412\t00123\r\n' +
	'jean@example.com\tJean-François\tLévy  \t\t<none>\r\n';

// Google Sheets: an origin marker, a style element, then the table on one line.
const SHEETS_HTML =
	`<meta charset='utf-8'><google-sheets-html-origin><style type="text/css"><!--td {border: 1px solid #cccccc;}br {mso-data-placement:same-cell;}--></style>` +
	`<table xmlns="http://www.w3.org/1999/xhtml" cellspacing="0" cellpadding="0" dir="ltr" border="1" style="table-layout:fixed;font-size:10pt;font-family:Arial;width:0px;border-collapse:collapse;border:none" data-sheets-root="1"><colgroup><col width="170"/><col width="100"/><col width="100"/></colgroup><tbody>` +
	`<tr style="height:21px;"><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;" data-sheets-value="{&quot;1&quot;:2,&quot;2&quot;:&quot;Courriel&quot;}">Courriel</td><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;" data-sheets-value="{&quot;1&quot;:2,&quot;2&quot;:&quot;Prénom&quot;}">Prénom</td><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;" data-sheets-value="{&quot;1&quot;:2,&quot;2&quot;:&quot;Notes&quot;}">Notes</td></tr>` +
	`<tr style="height:21px;"><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;">anna@example.com</td><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;">Anna</td><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;white-space:normal;overflow-wrap:break-word;" data-sheets-value="{&quot;1&quot;:2,&quot;2&quot;:&quot;knee\\nback&quot;}">knee<br>back</td></tr>` +
	`<tr style="height:21px;"><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;">ben@example.com</td><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;">Ben</td><td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;" data-sheets-value="{&quot;1&quot;:2,&quot;2&quot;:&quot;a\\tb&quot;}">a	b</td></tr>` +
	`</tbody></table>`;

// Numbers (Cocoa HTML Writer): a whole document, each cell's text in a paragraph.
const NUMBERS_HTML = `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="Content-Style-Type" content="text/css">
<title>Clients</title>
<meta name="Generator" content="Cocoa HTML Writer">
<style type="text/css">
p.p1 {margin: 0.0px 0.0px 0.0px 0.0px; font: 10.0px 'Helvetica Neue'}
table.t1 {border-collapse: collapse}
td.td1 {border-style: solid; border-width: 1.0px 1.0px 1.0px 1.0px; padding: 4.0px 4.0px 4.0px 4.0px}
</style>
</head>
<body>
<table cellspacing="0" cellpadding="0" class="t1">
<tbody>
<tr>
<td valign="top" class="td1">
<p class="p1">E-mail</p>
</td>
<td valign="top" class="td1">
<p class="p1">Gender</p>
</td>
</tr>
<tr>
<td valign="top" class="td1">
<p class="p1">lou@example.com</p>
</td>
<td valign="top" class="td1">
<p class="p1">female</p>
<p class="p1">(asked twice)</p>
</td>
</tr>
</tbody>
</table>
</body>
</html>`;

describe('readPastedHtml', () => {
	it('reads what Excel copies: line breaks, formatted runs, entities, no hidden filler row', () => {
		expect(pastedRows({ html: EXCEL_HTML })).toEqual([
			['Email', 'First name', 'Last name', 'Birthdate', 'External ID'],
			['marie@example.com', 'Marie\nClaire', 'Dupont & Fils', '19850412', '00123'],
			['jean@example.com', 'Jean-François', 'Lévy', '', '<none>'],
		]);
	});

	it('reads what Google Sheets copies, ignoring its style element', () => {
		expect(readPastedHtml(SHEETS_HTML)).toEqual([
			['Courriel', 'Prénom', 'Notes'],
			['anna@example.com', 'Anna', 'knee\nback'],
			['ben@example.com', 'Ben', 'a b'],
		]);
	});

	it('reads what Numbers copies: paragraphs in a cell are its lines, the title is no cell', () => {
		expect(readPastedHtml(NUMBERS_HTML)).toEqual([
			['E-mail', 'Gender'],
			['lou@example.com', 'female\n(asked twice)'],
		]);
	});

	it('expands colspan and rowspan like a CSV export: the value top-left, the rest empty', () => {
		const html =
			'<table><tr><td colspan="2">ab</td><td rowspan=3>c</td><td>d</td></tr>' +
			'<tr><td>e</td><td ROWSPAN="2" COLSPAN="1">f</td><td>g</td></tr>' +
			'<tr><td>h</td><td>i</td></tr></table>';
		expect(readPastedHtml(html)).toEqual([
			['ab', '', 'c', 'd'],
			['e', 'f', '', 'g'],
			['h', '', '', 'i'],
		]);
	});

	it('adds no rows for a rowspan that runs past the last row', () => {
		expect(readPastedHtml('<table><tr><td rowspan=9999>a</td><td>b</td></tr></table>')).toEqual([
			['a', 'b'],
		]);
	});

	it('decodes named and numeric entities, &nbsp; as a space, and keeps unknown ones', () => {
		const html =
			'<table><tr><td>Ana&nbsp;Mar&iacute;a</td><td>&#x4C;&#233;a &lt;3</td><td>&bogus; &amp</td></tr></table>';
		expect(readPastedHtml(html)).toEqual([['Ana María', 'Léa <3', '&bogus; &amp']]);
		expect(decodeEntities('&Ntilde;&ntilde;&euro;&#128512;&#0;')).toBe('Ññ€😀\ufffd');
	});

	it('turns <br> into a line break, strips tags and collapses white space as a browser shows it', () => {
		const html = `<table><tr><th>  First
			name </th><td><b>Jo</b>  <i>Ann</i><br/><BR>line 3</td></tr></table>`;
		expect(readPastedHtml(html)).toEqual([['First name', 'Jo Ann\n\nline 3']]);
	});

	it('reads only the first table, and a table inside a cell as that cell’s lines', () => {
		const html =
			'<p>intro</p><table><tr><td>x<table><tr><td>in</td><td>ner</td></tr></table></td><td>y</td></tr></table>' +
			'<table><tr><td>second</td></tr></table>';
		expect(readPastedHtml(html)).toEqual([['x\nin ner', 'y']]);
	});

	it('ignores comments, scripts and attributes holding >, and is null without a table', () => {
		const html =
			'<script>var t = "<table><tr><td>no</td></tr></table>";</script><!-- <table> -->' +
			'<table data-x="a > b"><tr><td title=">">ok</td></tr></table>';
		expect(readPastedHtml(html)).toEqual([['ok']]);
		expect(readPastedHtml('<p>Just <b>text</b></p>')).toBeNull();
		expect(readPastedHtml('')).toBeNull();
	});
});

describe('pastedRows', () => {
	it('prefers the HTML table when it has the text’s rows and columns', () => {
		expect(pastedRows({ html: EXCEL_HTML, text: EXCEL_TEXT })[2]).toEqual([
			'jean@example.com',
			'Jean-François',
			'Lévy',
			'',
			'<none>',
		]);
		// The text flavour may lose a tab inside a cell (here a space); the table keeps it.
		const text =
			'Courriel\tPrénom\tNotes\nanna@example.com\tAnna\t"knee\nback"\nben@example.com\tBen\ta b';
		expect(pastedRows({ html: SHEETS_HTML, text })).toEqual(readPastedHtml(SHEETS_HTML));
	});

	it('takes the text when the table is another shape (a filtered range’s hidden rows)', () => {
		const html =
			'<table><tr><td>a</td></tr><tr style="display:none"><td>hidden</td></tr><tr><td>b</td></tr></table>';
		expect(pastedRows({ html, text: 'a\nb\n' })).toEqual([['a'], ['b']]);
	});

	it('reads one cell copied from Google Sheets (a span, no table) from its text', () => {
		const html =
			'<meta charset="utf-8"><google-sheets-html-origin><span style="font-size:10pt;font-family:Arial;font-style:normal;" data-sheets-value="{&quot;1&quot;:2,&quot;2&quot;:&quot;lou@example.com&quot;}">lou@example.com</span>';
		expect(pastedRows({ html, text: 'lou@example.com' })).toEqual([['lou@example.com']]);
	});

	it('takes the text when the HTML has no table, and drops trailing empty rows and columns', () => {
		expect(pastedRows({ html: '<span>a</span>', text: 'a\t\t\nb\t\t\n\t\t\n' })).toEqual([
			['a'],
			['b'],
		]);
		expect(pastedRows({ text: '\n\n' })).toEqual([]);
		expect(pastedRows({})).toEqual([]);
	});
});

describe('pastedCsv', () => {
	it('keeps a header row that names template columns', () => {
		const rows = [
			['Email', 'First name'],
			['marie@example.com', 'Marie'],
		];
		expect(readCsv(pastedCsv(rows))).toEqual(rows);
	});

	it('puts Column A, B, … above rows that are all clients (an email or a date in row 1)', () => {
		const rows = [
			['marie@example.com', 'Marie', 'Email'],
			['jean@example.com', 'Jean', ''],
		];
		expect(readCsv(pastedCsv(rows))).toEqual([['Column A', 'Column B', 'Column C'], ...rows]);
		expect(looksLikeHeader(['First name', '12/03/1985'])).toBe(false);
		expect(looksLikeHeader(['Prénom', 'Courriel'])).toBe(true);
	});

	it('puts column names above a first row that names no template column', () => {
		const rows = [['Marie', 'Dupont']];
		expect(readCsv(pastedCsv(rows))).toEqual([
			['Column A', 'Column B'],
			['Marie', 'Dupont'],
		]);
	});

	it('names the columns a short header leaves out and fills ragged rows', () => {
		const rows = [['Email'], ['a@example.com', 'x', 'y']];
		expect(readCsv(pastedCsv(rows))).toEqual([
			['Email', 'Column B', 'Column C'],
			['a@example.com', 'x', 'y'],
		]);
	});

	it('keeps cells with commas, quotes, semicolons, tabs and line breaks exact', () => {
		const rows = [
			['Email', 'Notes'],
			['a@example.com', 'a, "b"; c\td\ne'],
			['b@example.com', ' ;lead'],
		];
		expect(readCsv(pastedCsv(rows))).toEqual(rows);
		expect(readCsv(pastedCsv([['Notes;x'], ['1;2']]))).toEqual([
			['Column A'],
			['Notes;x'],
			['1;2'],
		]);
	});

	it('is empty for no cells', () => {
		expect(pastedCsv([])).toBe('');
	});

	it('names columns past Z as a spreadsheet does', () => {
		expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual([
			'A',
			'Z',
			'AA',
			'AZ',
			'BA',
			'ZZ',
			'AAA',
		]);
	});
});

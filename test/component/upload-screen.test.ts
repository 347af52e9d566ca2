import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import UploadScreen from '../../src/ui/UploadScreen.svelte';
import { ImportSession } from '../../src/state/import-session.svelte.ts';
import { ImportCancelled } from '../../src/worker/client.ts';
import { FakeBackend, reportFor } from './fake-backend.ts';
import { REQUIRED_FIELDS } from '../../src/core/template.ts';

const HEADER = [...REQUIRED_FIELDS];
const MIXED = [
	HEADER,
	['ana@example.com', 'Hb4#Yq8!Nz2k', 'Ana', 'Silva', '19811120', 'female'],
	['Bo@Example.com', 'Tr6$Pm3@Xc9v', 'Bo', 'Berg', '1990-07-15', 'M'],
	['cy@example.com', 'alllowercase', 'Cy', 'Chan', '19750101', 'male'],
];

function setup() {
	const backend = new FakeBackend();
	const session = new ImportSession(backend, () => new Date(2026, 10, 25));
	render(UploadScreen, { session });
	return { backend, session, user: userEvent.setup() };
}

const csv = (name = 'clients.csv') => new File(['x'], name, { type: 'text/csv' });

describe('upload screen', () => {
	it('offers a labelled file input and the template download', () => {
		setup();
		expect(screen.getByLabelText('Choose a CSV file')).toHaveAttribute('type', 'file');
		const template = screen.getByRole('link', { name: 'Download the template' });
		expect(template).toHaveAttribute('download', 'roster-template.csv');
	});

	it('shows progress with Cancel while reading, then the summary', async () => {
		const { backend, user } = setup();
		await user.upload(screen.getByLabelText('Choose a CSV file'), csv());
		expect(backend.imports).toHaveLength(1);
		expect(screen.getByRole('heading', { name: 'Reading clients.csv…' })).toBeInTheDocument();
		backend.progress?.({ bytesRead: 50, totalBytes: 200, rows: 1234 });
		await screen.findByText(/25 % · 1,234 rows checked/);
		expect(screen.getByRole('progressbar')).toHaveAttribute('value', '25');

		await user.click(screen.getByRole('button', { name: 'Cancel' }));
		expect(backend.cancels).toBe(1);

		const { report, views } = reportFor(MIXED);
		backend.finish(report, views);
		const summary = await screen.findByTestId('summary');
		expect(summary).toHaveTextContent('2 clients ready · 1 need attention · 1 warning');
	});

	it('says so when the import is cancelled', async () => {
		const { backend, user } = setup();
		await user.upload(screen.getByLabelText('Choose a CSV file'), csv('big.csv'));
		backend.fail(new ImportCancelled());
		expect(await screen.findByRole('status')).toHaveTextContent('Import of big.csv cancelled');
	});

	it('explains a file it could not read', async () => {
		const { backend, user } = setup();
		await user.upload(screen.getByLabelText('Choose a CSV file'), csv());
		backend.fail(new Error('disk unplugged'));
		expect(await screen.findByRole('alert')).toHaveTextContent(
			'Could not read clients.csv: disk unplugged',
		);
	});

	it('marks problem cells with an icon and words, not colour alone', async () => {
		const { backend, user } = setup();
		await user.upload(screen.getByLabelText('Choose a CSV file'), csv());
		const { report, views } = reportFor(MIXED);
		backend.finish(report, views);
		await screen.findByTestId('summary');
		const rowHeader = await screen.findByRole('rowheader', { name: '3' });
		const row = rowHeader.closest('tr') as HTMLTableRowElement;
		const emailCell = within(row).getByText('Bo@Example.com').closest('td') as HTMLElement;
		expect(emailCell).toHaveClass('error');
		expect(emailCell).toHaveTextContent('error:');
		expect(emailCell.title).toContain('use bo@example.com');
		expect(row).toHaveTextContent("birthdate '1990-07-15' is not YYYYMMDD — use 19900715");
	});

	it('applies safe fixes and shows the new counts', async () => {
		const { backend, user } = setup();
		await user.upload(screen.getByLabelText('Choose a CSV file'), csv());
		const before = reportFor(MIXED);
		backend.finish(before.report, before.views);
		const fixButton = await screen.findByRole('button', { name: /Apply safe fixes \(3\)/ });
		const after = reportFor([
			HEADER,
			MIXED[1] as string[],
			['bo@example.com', 'Tr6$Pm3@Xc9v', 'Bo', 'Berg', '19900715', 'male'],
			MIXED[3] as string[],
		]);
		backend.fixedReport = after.report;
		backend.views = after.views;
		await user.click(fixButton);
		expect(backend.fixes).toBe(1);
		expect(await screen.findByTestId('summary')).toHaveTextContent(
			'3 clients ready · 0 need attention · 1 warning',
		);
		expect(screen.getByRole('button', { name: /Apply safe fixes \(0\)/ })).toBeDisabled();
		// The table was showing rows needing attention; with none left it shows all rows.
		expect(await screen.findByRole('rowheader', { name: '3' })).toBeInTheDocument();
		expect(screen.getByRole('combobox', { name: 'Show' })).toHaveValue('all');
	});

	it('says so when applying fixes fails, and keeps the results on screen', async () => {
		const { backend, user } = setup();
		await user.upload(screen.getByLabelText('Choose a CSV file'), csv());
		const { report, views } = reportFor(MIXED);
		backend.finish(report, views);
		await user.click(await screen.findByRole('button', { name: /Apply safe fixes/ }));
		expect(await screen.findByRole('alert')).toHaveTextContent(
			'Something went wrong: no fixed report set',
		);
		expect(screen.getByTestId('summary')).toHaveTextContent('2 clients ready');
	});

	it('lets a keyboard user reach the file input and the downloads', async () => {
		const { backend, user } = setup();
		await user.tab();
		expect(screen.getByLabelText('Choose a CSV file')).toHaveFocus();
		await user.upload(screen.getByLabelText('Choose a CSV file'), csv());
		const { report, views } = reportFor(MIXED);
		backend.finish(report, views);
		await screen.findByTestId('summary');
		expect(screen.getByRole('button', { name: /Download clean CSV \(2 clients\)/ })).toBeEnabled();
		expect(
			screen.getByRole('button', { name: /Download rows needing attention \(1\)/ }),
		).toBeEnabled();
	});
});

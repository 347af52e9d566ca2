// Writes a large, valid client file for tests that need an import to take a while.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export function writeBigFile(rows: number): string {
	const path = join(tmpdir(), `roster-e2e-${rows}.csv`);
	const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
	for (let i = 0; i < rows; i++) {
		lines.push(`client${i}@example.com,Hb4#Yq8!Nz2k${i},"Ana, Maria",Silva ${i},19811120,female`);
	}
	writeFileSync(path, lines.join('\r\n') + '\r\n');
	return path;
}

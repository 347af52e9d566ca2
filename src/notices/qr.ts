// The QR code printed on a notice, as one SVG path: crisp at any print size, no canvas needed.
import qrcode from 'qrcode-generator';

export interface QrPath {
	/** Modules per side, without the quiet zone the caller draws around it. */
	size: number;
	/** SVG path data in module units: one `M x y h n v1 h -n z` rectangle per run of dark modules. */
	path: string;
}

/**
 * The library's byte mode keeps only the low 8 bits of each UTF-16 unit, which would garble any
 * non-ASCII address; handing it one character per UTF-8 byte makes it write real UTF-8.
 */
function utf8AsByteString(text: string): string {
	let bytes = '';
	for (const byte of new TextEncoder().encode(text)) bytes += String.fromCharCode(byte);
	return bytes;
}

// Every notice of a print run shows the same sign-in address: encode it once, not per notice.
let last: { text: string; qr: QrPath } | null = null;

export function qrSvgPath(text: string): QrPath {
	if (last?.text === text) return last.qr;
	const qr = encode(text);
	last = { text, qr };
	return qr;
}

function encode(text: string): QrPath {
	const qr = qrcode(0, 'M');
	qr.addData(utf8AsByteString(text), 'Byte');
	try {
		qr.make();
	} catch (cause) {
		// The library throws a bare string; make it an Error that says what the user can change.
		throw new Error(
			`This text is too long for a QR code (${new TextEncoder().encode(text).length} bytes).`,
			{ cause },
		);
	}
	const size = qr.getModuleCount();
	const parts: string[] = [];
	for (let r = 0; r < size; r++) {
		let c = 0;
		while (c < size) {
			if (!qr.isDark(r, c)) {
				c++;
				continue;
			}
			const start = c;
			while (c < size && qr.isDark(r, c)) c++;
			const run = c - start;
			parts.push(`M${start} ${r}h${run}v1h-${run}z`);
		}
	}
	return { size, path: parts.join('') };
}

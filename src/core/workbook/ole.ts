// OLE compound files (D0 CF 11 E0 …): the container of legacy .xls workbooks and of
// password-protected .xlsx ones (an `EncryptedPackage` stream inside). Only the directory is
// read, to tell the two apart.
import type { RandomAccessSource } from './types.ts';

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const END_OF_CHAIN = 0xfffffffe;
/** Bounds on a damaged file's loops: a directory of 4096 sectors is far beyond any workbook's. */
const MAX_SECTORS = 4096;

function u32(b: Uint8Array, at: number): number {
	return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

export function isOle(head: Uint8Array): boolean {
	return OLE_SIGNATURE.every((byte, i) => head[i] === byte);
}

/** The names of the directory's entries; an unreadable directory gives what was read. */
export async function oleEntryNames(source: RandomAccessSource): Promise<string[]> {
	const header = await source.read(0, 512);
	if (header.length < 512) return [];
	const shift = header[0x1e]! | (header[0x1f]! << 8);
	if (shift !== 9 && shift !== 12) return [];
	const size = 1 << shift;
	const perSector = size / 4;
	const sectorAt = (n: number) => (n + 1) * size;
	// Where each FAT sector is: the header's first 109, then the DIFAT chain.
	const fatSectors: number[] = [];
	for (let i = 0; i < 109; i++) fatSectors.push(u32(header, 0x4c + i * 4));
	let difat = u32(header, 0x44);
	for (let n = 0; difat < END_OF_CHAIN - 2 && n < MAX_SECTORS; n++) {
		const sector = await source.read(sectorAt(difat), sectorAt(difat) + size);
		if (sector.length < size) break;
		for (let i = 0; i < perSector - 1; i++) fatSectors.push(u32(sector, i * 4));
		difat = u32(sector, size - 4);
	}
	const fatCache = new Map<number, Uint8Array>();
	const nextSector = async (n: number): Promise<number> => {
		const fatIndex = Math.floor(n / perSector);
		const fatSector = fatSectors[fatIndex];
		if (fatSector === undefined || fatSector >= END_OF_CHAIN - 2) return END_OF_CHAIN;
		let fat = fatCache.get(fatSector);
		if (!fat) {
			fat = await source.read(sectorAt(fatSector), sectorAt(fatSector) + size);
			fatCache.set(fatSector, fat);
		}
		return fat.length >= size ? u32(fat, (n % perSector) * 4) : END_OF_CHAIN;
	};
	const names: string[] = [];
	const seen = new Set<number>();
	let dir = u32(header, 0x30);
	while (dir < END_OF_CHAIN - 2 && !seen.has(dir) && seen.size < MAX_SECTORS) {
		seen.add(dir);
		const sector = await source.read(sectorAt(dir), sectorAt(dir) + size);
		if (sector.length < size) break;
		for (let at = 0; at + 128 <= size; at += 128) {
			const length = Math.min(64, sector[at + 0x40]! | (sector[at + 0x41]! << 8));
			if (length < 2) continue;
			let name = '';
			for (let i = 0; i + 1 < length - 1; i += 2)
				name += String.fromCharCode(sector[at + i]! | (sector[at + i + 1]! << 8));
			names.push(name);
		}
		dir = await nextSector(dir);
	}
	return names;
}

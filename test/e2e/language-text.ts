// The message files as the tests read them (wherever project.inlang/settings.json says they are:
// one file per language), and the page-side
// collection of what a pro reads on screen: text, aria-label, title, placeholder, alt.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');
const SETTINGS = join(ROOT, 'project.inlang/settings.json');

/** An inlang message: plain text, or variants chosen by selectors (plurals). */
export interface VariantMessage {
	declarations: string[];
	selectors: string[];
	match: Record<string, string>;
}
export type RawMessage = string | VariantMessage[];

interface Settings {
	locales: string[];
	baseLocale: string;
	'plugin.inlang.messageFormat': { pathPattern: string | string[] };
}

export function projectSettings(): Settings {
	return JSON.parse(readFileSync(SETTINGS, 'utf8')) as Settings;
}

/** Each message file of a language, by path, as the compiler reads them. */
export function messageFiles(
	locale: string,
): { path: string; messages: Record<string, RawMessage> }[] {
	const patterns = projectSettings()['plugin.inlang.messageFormat'].pathPattern;
	// Relative paths in settings.json start from the folder that holds project.inlang.
	const base = dirname(dirname(SETTINGS));
	return (Array.isArray(patterns) ? patterns : [patterns])
		.map((p) => resolve(base, p.replace('{locale}', locale)))
		.filter((path) => existsSync(path))
		.map((path) => {
			const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
			const messages: Record<string, RawMessage> = {};
			for (const [key, value] of Object.entries(json)) {
				if (key === '$schema') continue;
				messages[key] = value as RawMessage;
			}
			return { path, messages };
		});
}

/** Every message of a language, all files merged. */
export function allMessages(locale: string): Record<string, RawMessage> {
	return Object.assign({}, ...messageFiles(locale).map((f) => f.messages)) as Record<
		string,
		RawMessage
	>;
}

/** The messages of one area of the app, by the prefix its keys share ("draft" → `draft_*`). */
export function areaMessages(locale: string, area: string): Record<string, RawMessage> {
	return Object.fromEntries(
		Object.entries(allMessages(locale)).filter(([key]) => key.startsWith(`${area}_`)),
	);
}

/** The pieces of text a message can show, placeholders taken out ("{n} clients ready" → "clients ready"). */
export function texts(message: RawMessage): string[] {
	const patterns =
		typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
	return patterns.flatMap((p) =>
		p
			.split(/\{[^}]*\}/)
			.map((s) => s.replace(/\s+/g, ' ').trim())
			.filter((s) => s !== ''),
	);
}

const words = (s: string) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/**
 * English pieces of text a screen in `locale` must not show: those of two words or more (so that
 * "Email" or "OK", the same in both, raise no false alarm) that the language does not also use.
 */
export function englishLeftovers(locale: string): string[] {
	const en = allMessages('en');
	const other = allMessages(locale);
	const theirs = new Set(Object.values(other).flatMap(texts));
	const found = new Set<string>();
	for (const [key, message] of Object.entries(en)) {
		if (other[key] !== undefined && JSON.stringify(other[key]) === JSON.stringify(message))
			continue;
		for (const t of texts(message)) if (words(t) >= 2 && !theirs.has(t)) found.add(t);
	}
	return [...found];
}

/** One piece of what the pro reads: its text and where it is (for a readable failure). */
export interface ShownText {
	text: string;
	where: string;
}

/**
 * The visible text nodes of the page and the aria-label, title, placeholder and alt values,
 * except inside client data: elements marked by a `data-client` selector passed in (the grid's
 * cells, a draft's file name), and form fields' values.
 */
export async function shownTexts(page: Page, clientData: string[]): Promise<ShownText[]> {
	return page.evaluate((skip) => {
		const out: { text: string; where: string }[] = [];
		const isClient = (el: Element) => skip.some((s) => el.closest(s) !== null);
		const describe = (el: Element) => {
			const id = el.id ? `#${el.id}` : '';
			const test = el.getAttribute('data-testid');
			return `${el.tagName.toLowerCase()}${id}${test ? `[data-testid=${test}]` : ''}`;
		};
		const visible = (el: Element) => {
			const box = (el as HTMLElement).getBoundingClientRect?.();
			if (!box || (box.width === 0 && box.height === 0)) return false;
			const style = getComputedStyle(el);
			return style.visibility !== 'hidden' && style.display !== 'none';
		};
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
			const el = node.parentElement;
			if (!text || !el || el.closest('script,style,noscript,template')) continue;
			if (isClient(el)) continue;
			// Screen-reader-only text is read out: it counts though it takes no room on screen.
			const srOnly = el.closest('.visually-hidden,.sr-only') !== null;
			if (!srOnly && !visible(el)) continue;
			out.push({ text, where: describe(el) });
		}
		for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
			if (isClient(el) || el.closest('[hidden]')) continue;
			for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
				const v = el.getAttribute(attr)?.replace(/\s+/g, ' ').trim();
				if (v) out.push({ text: v, where: `${describe(el)}@${attr}` });
			}
		}
		return out;
	}, clientData);
}

/**
 * The English pieces found on screen: each shown text that contains one of `english` as a whole
 * phrase (not inside a longer word). The caller takes the client's data out first.
 */
export function findEnglish(shown: ShownText[], english: string[]): string[] {
	const hits = new Set<string>();
	for (const s of shown) {
		for (const e of english) {
			const at = s.text.indexOf(e);
			if (at === -1) continue;
			const before = s.text[at - 1] ?? ' ';
			const after = s.text[at + e.length] ?? ' ';
			if (/\p{L}/u.test(before) || /\p{L}/u.test(after)) continue;
			hits.add(`"${e}" in ${s.where}: "${s.text.slice(0, 120)}"`);
		}
	}
	return [...hits].sort();
}

/**
 * A fixture's client data (its name and every non-empty cell, headers included), longest first:
 * shown as it is, in no language of Roster's, so the language checks leave it out.
 */
export function clientData(fixture: string, path: string): string[] {
	return [
		fixture,
		...readFileSync(path, 'utf8')
			.split(/\r?\n/)
			.flatMap((line) => line.split(','))
			.filter((cell) => cell.trim() !== ''),
	].sort((a, b) => b.length - a.length);
}

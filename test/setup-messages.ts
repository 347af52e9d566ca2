// Every test speaks English unless it loads another language: the app's messages are loaded
// before its first module renders text, as src/main.ts does before mounting.
import { loadMessages } from '../src/i18n/messages.ts';

await loadMessages('en');

// App entry: mounts the UI with one import worker for the page.
import { mount } from 'svelte';
import { z } from 'zod';
import App from './ui/App.svelte';
import { ImportWorkerClient } from './worker/client.ts';
import { ImportSession } from './state/import-session.svelte.ts';
import './ui/global.css';

// The CSP forbids eval, so zod must not try its compiled fast path.
z.config({ jitless: true });

const session = new ImportSession(ImportWorkerClient.create());
mount(App, { target: document.getElementById('app') as HTMLElement, props: { session } });

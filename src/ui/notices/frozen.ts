// Renders a component once and keeps only the DOM it made, for content that never changes once
// on the page: a print run's 1,000 notices. Built by Svelte and left mounted, each notice kept
// ~70 KB of effects, signals and each-block maps alive in the JS heap, and collecting that much
// young memory took 30–100 ms pauses in the middle of the build. A copy of its DOM keeps none.
import { mount, unmount, type Component } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/**
 * An attachment that appends a copy of what `component` renders with `props` (its template,
 * effects not run: nothing here depends on them), and removes it when detached. When the props
 * change, Svelte detaches and attaches again: the copy is made anew.
 */
export function frozen<Props extends Record<string, unknown>>(
	component: Component<Props>,
	props: Props,
): Attachment<HTMLElement> {
	return (host) => {
		const scratch = document.createElement('div');
		const instance = mount(component, { target: scratch, props });
		const copy = Array.from(scratch.childNodes, (node) => node.cloneNode(true));
		void unmount(instance);
		host.append(...copy);
		return () => {
			for (const node of copy) node.parentNode?.removeChild(node);
		};
	};
}

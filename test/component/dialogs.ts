// jsdom has no modal dialogs: opening one sets `open`, closing it says `close`, as browsers do.
// Returns what puts jsdom's own back.
export function withDialogs(): () => void {
	const proto = HTMLDialogElement.prototype;
	const own = { showModal: proto.showModal, close: proto.close };
	proto.showModal = function (this: HTMLDialogElement) {
		this.setAttribute('open', '');
	};
	proto.close = function (this: HTMLDialogElement) {
		this.removeAttribute('open');
		this.dispatchEvent(new Event('close'));
	};
	return () => Object.assign(proto, own);
}

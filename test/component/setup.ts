// Component test setup: DOM matchers, and the Blob URL API jsdom does not implement.
import '@testing-library/jest-dom/vitest';

if (!URL.createObjectURL) {
	URL.createObjectURL = () => 'blob:roster-test';
	URL.revokeObjectURL = () => {};
}

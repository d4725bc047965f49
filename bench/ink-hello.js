// The baseline for the startup bench: the smallest Ink app, one frame of text.
import { render, Text } from 'ink';
import { createElement } from 'react';

const app = render(createElement(Text, null, 'Hello from Ink'));
app.unmount();

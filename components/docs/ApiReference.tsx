'use client';

import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

/** The reference rendered by Scalar from our own /api/openapi.json; no fonts or scripts from a CDN. */
export default function ApiReference() {
  return (
    <ApiReferenceReact
      configuration={{
        url: '/api/openapi.json',
        withDefaultFonts: false,
        // Offline-friendly: no AI agent, no telemetry, nothing fetched from Scalar's servers.
        agent: { disabled: true },
        telemetry: false,
        showDeveloperTools: 'never',
        hideClientButton: false,
        hideDarkModeToggle: false,
        layout: 'modern',
        theme: 'default',
        customCss: `.scalar-app { --scalar-font: ui-sans-serif, system-ui, sans-serif; --scalar-font-code: ui-monospace, monospace; --scalar-color-accent: #4f46e5; }`,
      }}
    />
  );
}

import { test, expect } from 'cors-lens/playwright';

test.use({ baseURL: process.env.SAMPLE_APP_URL });

test('greets the user by name', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText('Hello, Ada');
});

// Passes on its own whatever the API does: only CORS Lens notices the page's blocked call.
test('shows the title', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading')).toHaveText('Greeter');
});

import type { Config } from 'tailwindcss';

export default {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        labor: { DEFAULT: '#1d4ed8', soft: '#dbeafe' },
        management: { DEFAULT: '#9a3412', soft: '#ffedd5' },
        neutral: { DEFAULT: '#3f3f46', soft: '#f4f4f5' },
        community: { DEFAULT: '#166534', soft: '#dcfce7' },
      },
    },
  },
  plugins: [],
} satisfies Config;

import { Link } from 'react-router-dom';

/** The emulation entries of the header, loaded for the roles that use them only (not in the first screen). */
export default function EmulationNav() {
  return (
    <>
      <Link to="/thi-dua" style={{ color: '#fff' }}>
        Thi đua, khen thưởng
      </Link>
      <Link to="/thi-dua/so-khen-thuong" style={{ color: '#fff' }}>
        Sổ khen thưởng
      </Link>
    </>
  );
}
